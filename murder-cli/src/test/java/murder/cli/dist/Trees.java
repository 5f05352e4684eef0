package murder.cli.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A directory tree as what a package lists: each regular file's path below the root and its mode. */
final class Trees {

    private Trees() {
    }

    /** "usr/bin/murder" -> "rwxr-xr-x", for every regular file (not directory) below root. */
    static Map<String, String> filesAndModes(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(file -> files.put(root.relativize(file).toString(), mode(file)));
        }
        return files;
    }

    static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
