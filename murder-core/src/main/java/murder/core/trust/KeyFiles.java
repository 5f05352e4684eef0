package murder.core.trust;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import murder.core.MurderException;
import murder.core.files.OsErrors;
import murder.core.files.WritableDirectory;

/** Writes a new Ed25519 key pair for {@code murder keygen}; never overwrites a key. */
public final class KeyFiles {

    /** What keygen wrote. */
    public record Written(Path privateKey, Path publicKey, String keyid) {
    }

    private KeyFiles() {
    }

    /**
     * Writes {@code PREFIX.key} (PKCS#8 PEM, created with mode 0600, followed by the public key so the file alone can
     * sign) and {@code PREFIX.pub} (X.509 PEM, for the agents' --trust). CONFLICT if either exists already.
     */
    public static Written generate(Path prefix) {
        Path key = prefix.resolveSibling(prefix.getFileName() + ".key");
        Path pub = prefix.resolveSibling(prefix.getFileName() + ".pub");
        for (Path existing : List.of(key, pub)) {
            if (Files.exists(existing)) {
                throw new MurderException(MurderException.Kind.CONFLICT, existing + " already exists: murder never "
                        + "overwrites a key; choose another --out or move the old files away first");
            }
        }
        Path dir = key.toAbsolutePath().getParent();
        if (dir != null) {
            WritableDirectory.require(dir, "the directory of --out");
        }
        KeyPair pair = Ed25519.generate();
        String pubPem = Pem.encode(Pem.PUBLIC_KEY, pair.getPublic().getEncoded());
        try {
            create(key, ownerOnly(key), Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()) + pubPem);
            try {
                create(pub, new FileAttribute<?>[0], pubPem);
            } catch (IOException e) {
                Files.deleteIfExists(key);
                throw e;
            }
        } catch (FileAlreadyExistsException e) {
            throw new MurderException(MurderException.Kind.CONFLICT, e.getFile() + " appeared while writing the keys:"
                    + " murder never overwrites a key; choose another --out", e);
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot write the key pair " + key + " / " + pub
                    + " (" + OsErrors.reason(e) + "): check the directory is writable and has space", e);
        }
        return new Written(key, pub, KeyIds.of(pair.getPublic()));
    }

    /** Created with its final mode, so the private key is never readable by others, not even for a moment. */
    private static void create(Path file, FileAttribute<?>[] attrs, String text) throws IOException {
        Files.createFile(file, attrs);
        Files.writeString(file, text, US_ASCII);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews()
                .contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }
}
