package murder.core.tarball;

/**
 * Counts what a tarball unpacks to against {@link UnpackLimits}: a file's declared size before a byte of it is
 * written, then every byte as it is written. The message says which limit, its value and how to raise it.
 */
final class UnpackBudget {

    private final UnpackLimits limits;
    private final long compressedBytes;
    private final long allowedBytes;
    private long entries;
    private long declaredBytes;
    private long writtenBytes;

    UnpackBudget(UnpackLimits limits, long compressedBytes) {
        this.limits = limits;
        this.compressedBytes = compressedBytes;
        this.allowedBytes = limits.releaseBytesFor(compressedBytes);
    }

    /** Counts {@code count} new files, directories or symlinks for {@code name}. */
    void addEntries(int count, String name) {
        entries += count;
        if (entries > limits.maxEntries()) {
            throw new Refusal("it has more than " + limits.maxEntries() + " files, directories and symlinks (at "
                    + "entry '" + name + "'), the agent's limit: if the release is genuine, raise it with "
                    + "murder agent --max-files N");
        }
    }

    /** Admits a file of {@code size} bytes (its tar header) before any of it is written. */
    void admitFile(String name, long size) {
        if (size > limits.maxFileBytes()) {
            throw new Refusal("entry '" + name + "' is " + ByteSizes.format(size) + ", over the limit of "
                    + ByteSizes.format(limits.maxFileBytes()) + " for one file: if the release is genuine, raise it "
                    + "with murder agent --max-release-size SIZE (which also sets the one-file limit)");
        }
        declaredBytes += size;
        if (declaredBytes > allowedBytes) {
            throw overTotal(name);
        }
    }

    /** Counts bytes as they are written; the declared sizes already bound them, this makes sure of it. */
    void wrote(long bytes, String name) {
        writtenBytes += bytes;
        if (writtenBytes > allowedBytes) {
            throw overTotal(name);
        }
    }

    long declaredBytes() {
        return declaredBytes;
    }

    long writtenBytes() {
        return writtenBytes;
    }

    private Refusal overTotal(String name) {
        long byRatio = limits.ratioBytesFor(compressedBytes);
        String limit = byRatio < limits.maxReleaseBytes()
                ? limits.maxExpansionRatio() + " times the tarball's " + ByteSizes.format(compressedBytes)
                        + " (raise it with murder agent --max-expansion RATIO)"
                : "the maximum release size (raise it with murder agent --max-release-size SIZE)";
        return new Refusal("it unpacks to more than " + ByteSizes.format(allowedBytes) + " (at entry '" + name
                + "'), the agent's limit of " + limit + "; refused as a possible gzip bomb: if the release is "
                + "genuine, raise the limit");
    }
}
