package murder.peer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import murder.core.Sha256;
import murder.core.api.ReleaseManifest;
import murder.core.tarball.TarballPacker;

/** Builds real release tarballs on disk: a small tree with modes and a symlink, packed by core's packer. */
public final class TestReleases {

    private TestReleases() {
    }

    /** Packs a release whose {@code VERSION} file holds the id; returns the manifest and the tarball path. */
    public static Built build(Path workDir, String releaseId) throws IOException {
        return build(workDir, releaseId, 0);
    }

    /** As {@link #build(Path, String)}, plus {@code payloadBytes} of incompressible data (many torrent pieces). */
    public static Built build(Path workDir, String releaseId, int payloadBytes) throws IOException {
        Path src = workDir.resolve("src-" + releaseId);
        if (payloadBytes > 0) {
            byte[] payload = new byte[payloadBytes];
            new java.util.Random(42).nextBytes(payload);
            Files.createDirectories(src.resolve("lib"));
            Files.write(src.resolve("lib/app.jar"), payload);
        }
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("VERSION"), releaseId + "\n");
        Files.writeString(src.resolve("bin/run.sh"), "#!/bin/sh\necho " + releaseId + "\n");
        Files.setPosixFilePermissions(src.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(src.resolve("secret.conf"), "token=" + releaseId + "\n");
        Files.setPosixFilePermissions(src.resolve("secret.conf"), PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(src.resolve("run"), Path.of("bin/run.sh"));
        Path tarball = workDir.resolve(releaseId + ".tar.gz");
        TarballPacker.pack(src, tarball);
        return new Built(manifest(releaseId, tarball, Sha256.ofFile(tarball)), tarball);
    }

    public static ReleaseManifest manifest(String releaseId, Path tarball, String sha256) throws IOException {
        return new ReleaseManifest(releaseId, tarball.getFileName().toString(), Files.size(tarball), sha256, null,
                256 * 1024, Instant.parse("2025-01-01T00:00:00Z"));
    }

    public record Built(ReleaseManifest manifest, Path tarball) {
    }
}
