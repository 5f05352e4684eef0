package murder.peer.activate;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.MurderException;

/** File-system chores shared by staging, activation, retention and the agent's state. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Like {@link Files#createDirectories}, but says what is wrong when the path is a file. */
    public static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new FileSystemException(e.getFile(), null, "exists but is not a directory");
        }
    }

    /** Creates {@code dir} and checks a file can be created in it; fails with what to do if not. */
    public static void requireWritableDirectory(String what, Path dir) {
        try {
            createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".murder-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw cannotWrite(what, dir, e);
        }
    }

    /** The one shape of "cannot write" errors: what, where, the OS error and what to do. */
    public static MurderException cannotWrite(String what, Path path, IOException e) {
        return new MurderException(MurderException.Kind.FAILED, "cannot write " + what + " " + path + " ("
                + osError(e) + "): make " + path + " writable by the agent's user", e);
    }

    /** The OS error of an I/O failure, naming the file it hit. */
    public static String osError(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : describe(fs);
            String file = fs.getFile() == null ? "" : fs.getFile() + ": ";
            String other = fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile();
            return file + reason + other;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String describe(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getClass().getSimpleName();
    }
}
