package murder.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import murder.core.MurderException;
import murder.core.files.OsErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold tokens or secrets, one per line ({@code #} comments and blank lines ignored). Reading refuses a
 * file that other users may read or write and warns when its group may read it, the way ssh treats private keys;
 * writing creates the file with mode 0600 and never overwrites one.
 */
public final class SecretFiles {

    private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);
    /** Shorter values are too easy to guess; {@code murder token new} makes 64 characters. */
    public static final int MIN_LENGTH = 32;

    private SecretFiles() {
    }

    /** Every value in the file, in order; at least one. {@code what} names the file in messages. */
    public static List<String> readAll(Path file, String what) {
        checkPermissions(file, what);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw cannotRead(file, what, e);
        }
        List<String> values = lines.stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        if (values.isEmpty()) {
            throw MurderException.badInput("the " + what + " file " + file + " holds no token (one per line; "
                    + "add one made by `murder token new`)");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).length() < MIN_LENGTH || values.get(i).chars().anyMatch(Character::isWhitespace)) {
                throw MurderException.badInput("the " + what + " file " + file + ": value " + (i + 1) + " is shorter "
                        + "than " + MIN_LENGTH + " characters or contains spaces; make one with `murder token new`");
            }
        }
        return values;
    }

    /** The one token of a client's token file (the first value). */
    public static String readToken(Path file, String what) {
        return readAll(file, what).get(0);
    }

    /** Writes {@code value} and a newline to a new file of mode 0600; refuses an existing file. */
    public static void writeNew(Path file, String value) {
        try {
            Path created = Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(created, value + "\n", UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw MurderException.badInput(file + " exists already; not overwriting a token file (remove it "
                    + "first, or add the new token to it as another line)");
        } catch (UnsupportedOperationException e) {
            throw MurderException.badInput("cannot create " + file + " with mode 0600: the file system has no "
                    + "POSIX permissions; print the token instead (leave out --out)");
        } catch (IOException e) {
            throw MurderException.badInput("cannot write " + file + " (" + OsErrors.reason(e) + "): "
                    + (OsErrors.isPermissionDenied(e) ? "make its directory writable by " + OsErrors.processUser()
                        + " or " : "") + "choose another --out");
        }
    }

    private static MurderException cannotRead(Path file, String what, IOException e) {
        return MurderException.badInput("cannot read the " + what + " file " + file + " (" + OsErrors.reason(e)
                + "): " + (e instanceof java.nio.file.NoSuchFileException
                    ? "`murder token --help` shows how to make one" : OsErrors.readHint(e)));
    }

    private static void checkPermissions(Path file, String what) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX modes here (not Linux/macOS): nothing to check
        } catch (IOException e) {
            throw cannotRead(file, what, e);
        }
        if (Files.isDirectory(file)) {
            throw MurderException.badInput("the " + what + " file " + file + " is a directory: name the file "
                    + "that holds the token (`murder token --help` shows how to make one)");
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                || perms.contains(PosixFilePermission.GROUP_WRITE)) {
            throw MurderException.badInput("the " + what + " file " + file + " has mode "
                    + PosixFilePermissions.toString(perms) + ": other users could read or change it; "
                    + "run `chmod 600 " + file + "`");
        }
        if (perms.contains(PosixFilePermission.GROUP_READ)) {
            log.warn("the {} file {} is readable by its group ({}); `chmod 600 {}` unless that group is meant to",
                    what, file, PosixFilePermissions.toString(perms), file);
        }
    }
}
