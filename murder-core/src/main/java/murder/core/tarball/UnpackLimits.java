package murder.core.tarball;

import murder.core.MurderException;

/**
 * What one release tarball may unpack to. They bound the disk, the inodes and the memory a hostile or broken
 * tarball can take, and are enforced while streaming: nothing is written past a limit.
 *
 * @param maxReleaseBytes the total size of the files unpacked (default 32 GiB; {@code murder agent --max-release-size})
 * @param maxExpansionRatio the unpacked size may be at most this many times the tarball's (compressed) size, which
 *        is what stops a gzip bomb cheaply (default 200; gzip cannot exceed about 1032); it never binds below
 *        {@link #RATIO_FLOOR_BYTES}; whichever of this and {@code maxReleaseBytes} is lower binds
 *        ({@code murder agent --max-expansion})
 * @param maxFileBytes the size of one file (default 16 GiB; {@code --max-release-size} also sets it)
 * @param maxEntries files, directories and symlinks, counting the parent directories a tarball only implies
 *        (default 200,000; {@code murder agent --max-files}); also bounds the unpacker's memory
 * @param maxPathBytes the length of an entry's path in UTF-8 bytes (default 4096, Linux's PATH_MAX)
 * @param maxPathDepth the number of components in an entry's path (default 128)
 */
public record UnpackLimits(long maxReleaseBytes, int maxExpansionRatio, long maxFileBytes, int maxEntries,
                           int maxPathBytes, int maxPathDepth) {

    public static final long DEFAULT_MAX_RELEASE_BYTES = 32L << 30;
    public static final int DEFAULT_MAX_EXPANSION_RATIO = 200;
    public static final long DEFAULT_MAX_FILE_BYTES = 16L << 30;
    public static final int DEFAULT_MAX_ENTRIES = 200_000;
    public static final int DEFAULT_MAX_PATH_BYTES = 4096;
    public static final int DEFAULT_MAX_PATH_DEPTH = 128;
    /** A small tarball of very compressible files (zeros, logs) may always unpack to this much. */
    public static final long RATIO_FLOOR_BYTES = 64L << 20;

    public UnpackLimits {
        positive("maximum release size", maxReleaseBytes);
        positive("maximum expansion ratio", maxExpansionRatio);
        positive("maximum file size", maxFileBytes);
        positive("maximum number of files", maxEntries);
        positive("maximum path length", maxPathBytes);
        positive("maximum path depth", maxPathDepth);
    }

    public static UnpackLimits defaults() {
        return new UnpackLimits(DEFAULT_MAX_RELEASE_BYTES, DEFAULT_MAX_EXPANSION_RATIO, DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_ENTRIES, DEFAULT_MAX_PATH_BYTES, DEFAULT_MAX_PATH_DEPTH);
    }

    /** The unpacked bytes allowed for a tarball of {@code compressedBytes}: the lower of the two limits. */
    public long releaseBytesFor(long compressedBytes) {
        return Math.min(maxReleaseBytes, ratioBytesFor(compressedBytes));
    }

    long ratioBytesFor(long compressedBytes) {
        long byRatio = compressedBytes > Long.MAX_VALUE / maxExpansionRatio ? Long.MAX_VALUE
                : compressedBytes * maxExpansionRatio;
        return Math.max(byRatio, RATIO_FLOOR_BYTES);
    }

    public UnpackLimits withMaxReleaseBytes(long bytes) {
        return new UnpackLimits(bytes, maxExpansionRatio, maxFileBytes, maxEntries, maxPathBytes, maxPathDepth);
    }

    public UnpackLimits withMaxExpansionRatio(int ratio) {
        return new UnpackLimits(maxReleaseBytes, ratio, maxFileBytes, maxEntries, maxPathBytes, maxPathDepth);
    }

    public UnpackLimits withMaxFileBytes(long bytes) {
        return new UnpackLimits(maxReleaseBytes, maxExpansionRatio, bytes, maxEntries, maxPathBytes, maxPathDepth);
    }

    public UnpackLimits withMaxEntries(int entries) {
        return new UnpackLimits(maxReleaseBytes, maxExpansionRatio, maxFileBytes, entries, maxPathBytes, maxPathDepth);
    }

    public UnpackLimits withMaxPathBytes(int bytes) {
        return new UnpackLimits(maxReleaseBytes, maxExpansionRatio, maxFileBytes, maxEntries, bytes, maxPathDepth);
    }

    public UnpackLimits withMaxPathDepth(int depth) {
        return new UnpackLimits(maxReleaseBytes, maxExpansionRatio, maxFileBytes, maxEntries, maxPathBytes, depth);
    }

    private static void positive(String what, long value) {
        if (value < 1) {
            throw MurderException.badInput(what + " for unpacking releases must be at least 1, got " + value);
        }
    }
}
