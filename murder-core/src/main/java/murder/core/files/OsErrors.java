package murder.core.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operating system's words for a failed file operation ("Permission denied", "Not a directory"), for messages
 * that name the path themselves: Java's own text is the path alone, or the exception's class name.
 */
public final class OsErrors {

    private OsErrors() {
    }

    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public static boolean isPermissionDenied(IOException e) {
        return e instanceof AccessDeniedException || reason(e).contains("Permission denied")
                || reason(e).contains("Operation not permitted") || reason(e).contains("Read-only file system");
    }

    /** What to do about a file that could not be read: the part of a message after its reason. */
    public static String readHint(IOException e) {
        if (isPermissionDenied(e)) {
            return "make it readable by " + processUser();
        }
        if (reason(e).contains("Is a directory")) {
            return "name a file, not a directory";
        }
        return "check the path";
    }

    /** The user this process runs as, for "make it readable by ..." hints. */
    public static String processUser() {
        return System.getProperty("user.name", "this user");
    }
}
