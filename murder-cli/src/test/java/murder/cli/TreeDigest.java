package murder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import murder.core.Sha256;

/** Describes a directory tree by path: content hash, mode and symlink target, to compare two trees exactly. */
final class TreeDigest {

    private TreeDigest() {
    }

    static Map<String, String> of(Path root) {
        Map<String, String> digest = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString();
                if (name.isEmpty()) {
                    continue; // the root itself: its mode is the deploy root's business, not the release's
                }
                if (Files.isSymbolicLink(p)) {
                    digest.put(name, "link " + Files.readSymbolicLink(p));
                } else {
                    String mode = PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    digest.put(name, Files.isDirectory(p) ? "dir " + mode : "file " + mode + " " + Sha256.ofFile(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digest;
    }
}
