package murder.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;

/**
 * Generates a release tree that looks like a real build: a start script (executable), config, a few large
 * incompressible "jars", a symlink and a private directory. Used by the demo, the tests and the benchmark.
 */
public final class SampleRelease {

    private static final int LARGE_FILES = 4;

    private SampleRelease() {
    }

    public static Path generate(Path dir, long totalBytes, long seed) {
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("lib"));
            Files.createDirectories(dir.resolve("conf/secret"));
            Path start = Files.writeString(dir.resolve("bin/start.sh"),
                    "#!/bin/sh\necho \"sample release " + seed + "\"\n");
            Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("conf/app.properties"), "release.seed=" + seed + "\n");
            Files.writeString(dir.resolve("conf/secret/token"), "not-a-real-token-" + seed + "\n");
            Files.setPosixFilePermissions(dir.resolve("conf/secret"), PosixFilePermissions.fromString("rwxr-x---"));
            Files.createFile(dir.resolve("conf/empty"));
            SplittableRandom random = new SplittableRandom(seed);
            long perFile = Math.max(1, totalBytes / LARGE_FILES);
            for (int i = 0; i < LARGE_FILES; i++) {
                writeRandom(dir.resolve("lib/app-" + i + ".jar"), perFile, random);
            }
            Files.createSymbolicLink(dir.resolve("lib/current.jar"), Path.of("app-0.jar"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate a sample release in " + dir, e);
        }
    }

    private static void writeRandom(Path file, long bytes, SplittableRandom random) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
    }
}
