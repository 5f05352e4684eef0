package murder.core.tarball;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import murder.core.MurderException;

/**
 * The three ways unpacking fails, kept apart so the operator is sent the right way: the tarball is refused
 * (hostile entry, limit) or is not a tar.gz at all, both BAD_INPUT; or this host could not write (disk full,
 * permissions), FAILED, with the path and, for a full disk, the space the release needs against what is free.
 */
final class UnpackFailures {

    /** What is known about space when a write fails; {@code usableBytes} is negative if unknown. */
    record Space(long releaseBytes, boolean releaseBytesExact, long partialBytes, Path fileSystemOf, long usableBytes) {
    }

    private UnpackFailures() {
    }

    static MurderException refused(Path tarball, String reason) {
        return new MurderException(MurderException.Kind.BAD_INPUT, "refusing tarball " + tarball + ": " + reason);
    }

    static MurderException notATarball(Path tarball, Exception e) {
        return new MurderException(MurderException.Kind.BAD_INPUT, "cannot unpack " + tarball + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " (is it a .tar.gz?)", e);
    }

    static MurderException cannotRead(Path tarball, IOException e) {
        return new MurderException(MurderException.Kind.FAILED, "cannot read tarball " + tarball + " ("
                + osError(e) + "): check that it exists and the agent's user can read it", e);
    }

    /** A local write failure: where, the OS error, and what to do; {@code space} is used for a full disk. */
    static MurderException cannotWrite(Path path, IOException e, Space space) {
        String what = "cannot write " + path + " (" + osError(e) + ")";
        if (isDiskFull(e)) {
            String free = space.usableBytes() < 0 ? "an unknown amount"
                    : ByteSizes.format(space.usableBytes() + space.partialBytes());
            return new MurderException(MurderException.Kind.FAILED, what + ": the release needs "
                    + (space.releaseBytesExact() ? "" : "at least ") + ByteSizes.format(space.releaseBytes())
                    + " unpacked, and the file system of " + space.fileSystemOf() + " has " + free
                    + " free once the partial unpack is removed: free some space there, then deploy again", e);
        }
        if (e instanceof AccessDeniedException || String.valueOf(reason(e)).contains("Permission denied")) {
            return new MurderException(MurderException.Kind.FAILED, what + ": make " + parentOf(path)
                    + " writable by the agent's user", e);
        }
        return new MurderException(MurderException.Kind.FAILED, what + ": check the disk and the file system "
                + "of " + space.fileSystemOf(), e);
    }

    static boolean isDiskFull(IOException e) {
        String reason = reason(e);
        return reason != null && (reason.contains("No space left on device") || reason.contains("Disk quota exceeded"));
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    }

    private static String osError(IOException e) {
        String reason = reason(e);
        if (reason != null) {
            return reason;
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getClass().getSimpleName();
    }

    private static Path parentOf(Path path) {
        return path.getParent() == null ? path : path.getParent();
    }
}
