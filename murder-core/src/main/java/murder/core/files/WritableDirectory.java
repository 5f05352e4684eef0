package murder.core.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.MurderException;

/**
 * Checks, before a daemon or a deploy starts, that a directory it was given can be used: it exists or can be made,
 * is a directory, and a file can be created in it. Found now, the operator gets one line naming the option; found
 * later, it would be a failed deploy on a host, or a stack trace.
 */
public final class WritableDirectory {

    private WritableDirectory() {
    }

    /**
     * Creates {@code dir} if needed and proves it writable. {@code what} names it for the operator, e.g.
     * {@code "--data-dir"}; BAD_INPUT naming the path, the OS error and what to do otherwise.
     */
    public static Path require(Path dir, String what) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            // a file where the directory, or one of its parents, should be
            Path file = e.getFile() == null ? dir : Path.of(e.getFile());
            throw file.toAbsolutePath().equals(dir.toAbsolutePath())
                    ? unusable(dir, what, "it is a file, not a directory", "choose a directory")
                    : unusable(dir, what, "cannot create it (" + file + " is a file)",
                            "a file is in the way on that path; choose another directory");
        } catch (IOException e) {
            throw unusable(dir, what, "cannot create it (" + OsErrors.reason(e) + ")", hint(e));
        }
        try {
            Path probe = Files.createTempFile(dir, ".murder-write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw unusable(dir, what, "cannot write in it (" + OsErrors.reason(e) + ")", hint(e));
        }
        return dir;
    }

    private static String hint(IOException e) {
        if (OsErrors.isPermissionDenied(e)) {
            return "make it writable by " + OsErrors.processUser() + " (chown/chmod) or choose another directory";
        }
        if (OsErrors.reason(e).contains("Not a directory")) {
            return "a file is in the way on that path; choose another directory";
        }
        return "choose another directory";
    }

    private static MurderException unusable(Path dir, String what, String problem, String hint) {
        return MurderException.badInput(what + " " + dir + ": " + problem + ": " + hint);
    }
}
