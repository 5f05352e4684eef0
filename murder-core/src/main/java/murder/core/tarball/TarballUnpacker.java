package murder.core.tarball;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.MurderException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a release tar.gz into an empty directory, durably (every file and directory is fsync'ed before this
 * returns, so the caller can rename the directory into place), and safely: only regular files, directories and
 * symlinks; nothing outside the directory, through a symlink or over another entry; no setuid/setgid/sticky bits;
 * within {@link UnpackLimits}, checked while streaming. See docs/TARBALLS.md.
 *
 * <p>Failures are {@link MurderException}s: BAD_INPUT when the tarball is refused or is not a tar.gz, FAILED when
 * this host could not read it or write the release (the message names the path; for a full disk, the space
 * needed and free). On failure the target directory may hold a partial unpack: the caller removes it.
 */
public final class TarballUnpacker {

    /** Headers, GNU long names and PAX records of one entry may take this much beyond the path limits. */
    private static final long HEADER_ALLOWANCE = 1L << 20;

    private TarballUnpacker() {
    }

    public static void unpack(Path tarball, Path targetDir) {
        unpack(tarball, targetDir, UnpackLimits.defaults());
    }

    public static void unpack(Path tarball, Path targetDir, UnpackLimits limits) {
        read(tarball, targetDir, limits);
    }

    /** Reads every entry and applies every check and limit without writing anything. */
    public static void validate(Path tarball) {
        validate(tarball, UnpackLimits.defaults());
    }

    public static void validate(Path tarball, UnpackLimits limits) {
        read(tarball, null, limits);
    }

    /** Unpacks into {@code targetDir}, or only checks if it is null. */
    private static void read(Path tarball, Path targetDir, UnpackLimits limits) {
        long headerAllowance = HEADER_ALLOWANCE + 4L * limits.maxPathBytes();
        UnpackBudget budget = new UnpackBudget(limits, compressedSize(tarball));
        ReleaseTree tree = new ReleaseTree();
        ReleaseDirWriter writer = null;
        try {
            writer = targetDir == null ? null : ReleaseDirWriter.into(targetDir);
        } catch (WriteFailure e) {
            throw UnpackFailures.cannotWrite(e.path, e.error, space(budget, 0, false, targetDir));
        }
        try (InputStream file = new TarballFile(Files.newInputStream(tarball));
             MeteredInputStream tarStream = new MeteredInputStream(
                     new GzipCompressorInputStream(new BufferedInputStream(file, 1 << 20)));
             TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            InputStream content = ReadError.marking(tar);
            String previous = "(the first)";
            try {
                tarStream.allow(headerAllowance, headersTooLarge(previous, headerAllowance));
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    previous = entry.getName();
                    tarStream.allow(padded(entry.getSize()) + headerAllowance,
                            headersTooLarge(previous, headerAllowance));
                    unpackEntry(entry, content, tree, budget, writer, limits);
                }
            } catch (WriteFailure e) {
                throw cannotWrite(e, tar, tarStream, budget, writer, limits, headerAllowance);
            }
            if (writer != null) {
                writer.finish(tree.root(), writer.root());
            }
        } catch (Refusal e) {
            throw UnpackFailures.refused(tarball, e.getMessage());
        } catch (WriteFailure e) {
            throw UnpackFailures.cannotWrite(e.path, e.error, space(budget, 0, false, targetDir));
        } catch (IOException e) {
            throw readFailure(tarball, e);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
                 | IndexOutOfBoundsException e) {
            throw UnpackFailures.notATarball(tarball, e); // Commons Compress on some malformed headers
        }
    }

    private static void unpackEntry(TarArchiveEntry entry, InputStream content, ReleaseTree tree,
                                    UnpackBudget budget, ReleaseDirWriter writer, UnpackLimits limits)
            throws IOException {
        EntryPath path = EntryPath.parse(entry.getName(), limits);
        EntryKind kind = EntryKind.of(entry, path.name());
        if (kind == EntryKind.SYMLINK) {
            requireLinkTarget(path.name(), entry.getLinkName(), limits);
        } else if (kind == EntryKind.FILE) {
            budget.admitFile(path.name(), entry.getSize());
        }
        ReleaseTree.Placement placement = tree.place(path, kind);
        budget.addEntries(placement.newDirectories().size() + (placement.created() ? 1 : 0), path.name());
        long mtime = entry.getModTime().getTime();
        if (kind == EntryKind.DIRECTORY) {
            placement.node().hasAttributes = true;
            placement.node().mode = entry.getMode();
            placement.node().mtimeMillis = mtime;
        }
        if (writer == null) {
            return;
        }
        placement.newDirectories().forEach(writer::mkdir);
        switch (kind) {
            case DIRECTORY -> {
                if (placement.created()) {
                    writer.mkdir(path.components());
                }
            }
            case SYMLINK -> writer.symlink(path.components(), entry.getLinkName());
            case FILE -> writer.file(path.components(), content, budget, path.name(), entry.getMode(), mtime);
        }
    }

    /**
     * Symlinks may point anywhere, absolute or up out of the release: nothing is ever written through one (see
     * {@link ReleaseTree}), and releases carry links to shared directories such as {@code logs -> /var/log/app}.
     */
    private static void requireLinkTarget(String name, String target, UnpackLimits limits) {
        if (target == null || target.isEmpty()) {
            throw new Refusal("entry '" + name + "' is a symlink to nothing (an empty target)");
        }
        if (target.indexOf('\0') >= 0) {
            throw new Refusal("entry '" + name + "' is a symlink whose target has a NUL character");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > limits.maxPathBytes()) {
            throw new Refusal("entry '" + name + "' is a symlink whose target is longer than "
                    + limits.maxPathBytes() + " bytes (UnpackLimits.maxPathBytes)");
        }
    }

    /** A write failed: for a full disk, read on (headers only, within the limits) to say what the release needs. */
    private static MurderException cannotWrite(WriteFailure failure, TarArchiveInputStream tar,
                                               MeteredInputStream tarStream, UnpackBudget budget,
                                               ReleaseDirWriter writer, UnpackLimits limits, long headerAllowance) {
        if (!UnpackFailures.isDiskFull(failure.error)) {
            return UnpackFailures.cannotWrite(failure.path, failure.error, space(budget, 0, true, writer.root()));
        }
        long more = 0;
        boolean exact = true;
        try {
            long ceiling = limits.maxReleaseBytes();
            for (int entries = 0; entries < limits.maxEntries(); entries++) {
                TarArchiveEntry entry = tar.getNextEntry();
                if (entry == null) {
                    break;
                }
                tarStream.allow(padded(entry.getSize()) + headerAllowance, "");
                more += entry.isDirectory() || entry.isSymbolicLink() ? 0 : entry.getSize();
                if (budget.declaredBytes() + more > ceiling) {
                    exact = false;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            exact = false;
        }
        return UnpackFailures.cannotWrite(failure.path, failure.error, space(budget, more, exact, writer.root()));
    }

    private static UnpackFailures.Space space(UnpackBudget budget, long more, boolean exact, Path where) {
        long usable;
        try {
            Path existing = where.toAbsolutePath();
            while (existing.getParent() != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            usable = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            usable = -1;
        }
        return new UnpackFailures.Space(budget.declaredBytes() + more, exact, budget.writtenBytes(), where, usable);
    }

    private static MurderException readFailure(Path tarball, IOException e) {
        IOException error = e instanceof ReadError read ? read.original() : e;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TarballFile.Failure failure) {
                return UnpackFailures.cannotRead(tarball, failure.original());
            }
        }
        if (error instanceof java.nio.file.NoSuchFileException || error instanceof java.nio.file.AccessDeniedException) {
            return UnpackFailures.cannotRead(tarball, error);
        }
        return UnpackFailures.notATarball(tarball, error);
    }

    private static String headersTooLarge(String after, long allowance) {
        return "its tar headers (GNU long names, PAX records) after entry '" + after + "' take more than "
                + ByteSizes.format(allowance) + "; refused to keep memory bounded";
    }

    private static long padded(long size) {
        return size > Long.MAX_VALUE - 511 ? Long.MAX_VALUE : (size + 511) / 512 * 512;
    }

    private static long compressedSize(Path tarball) {
        try {
            return Files.size(tarball);
        } catch (IOException e) {
            throw UnpackFailures.cannotRead(tarball, e);
        }
    }

    /** The tarball file itself, with its own I/O errors marked: those are this host's trouble, not bad input. */
    private static final class TarballFile extends FilterInputStream {

        TarballFile(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new Failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new Failure(e);
            }
        }

        static final class Failure extends IOException {
            Failure(IOException cause) {
                super(cause.getMessage(), cause);
            }

            IOException original() {
                return (IOException) getCause();
            }
        }
    }
}
