package murder.seeder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.Sha256;
import murder.core.api.ReleaseManifest;
import murder.core.tarball.TarballPacker;
import murder.core.tarball.TarballUnpacker;
import murder.core.tarball.UnpackLimits;
import murder.core.torrent.TorrentFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the operator points at into a {@link PreparedRelease}: a directory is packed into
 * {@code <workDir>/<id>.tar.gz}; an existing {@code .tar.gz} is used where it is. Either way the tarball is first
 * checked the way an agent unpacks it (hostile entries, {@link UnpackLimits}), so a tarball agents would refuse
 * is refused here, before anything is seeded.
 */
public final class ReleasePacker {

    private static final Logger log = LoggerFactory.getLogger(ReleasePacker.class);

    private ReleasePacker() {
    }

    /** Checks the tarball against the agents' default {@link UnpackLimits}. */
    public static PreparedRelease prepare(Path source, String releaseId, Path workDir, String announceUrl) {
        return prepare(source, releaseId, workDir, announceUrl, UnpackLimits.defaults());
    }

    public static PreparedRelease prepare(Path source, String releaseId, Path workDir, String announceUrl,
                                          UnpackLimits limits) {
        Names.requireReleaseId(releaseId);
        Path tarball = tarballFor(source, releaseId, workDir);
        validate(source, tarball, limits);
        long started = System.nanoTime();
        String sha256 = Sha256.ofFile(tarball);
        TorrentFactory.MadeTorrent torrent = TorrentFactory.make(tarball, announceUrl);
        long size = size(tarball);
        log.info("release {}: {} ({} bytes, sha256 {}), torrent {} with {} KiB pieces, hashed in {} ms", releaseId,
                tarball.getFileName(), size, sha256, torrent.infoHash(), torrent.pieceSize() / 1024,
                (System.nanoTime() - started) / 1_000_000);
        ReleaseManifest manifest = new ReleaseManifest(releaseId, tarball.getFileName().toString(), size, sha256,
                torrent.infoHash(), torrent.pieceSize(), Instant.now());
        return new PreparedRelease(manifest, torrent.bytes(), tarball);
    }

    private static Path tarballFor(Path source, String releaseId, Path workDir) {
        if (Files.isDirectory(source)) {
            Path tarball = workDir.resolve(releaseId + ".tar.gz");
            long started = System.nanoTime();
            TarballPacker.pack(source, tarball);
            log.info("release {}: packed {} in {} ms", releaseId, source, (System.nanoTime() - started) / 1_000_000);
            return tarball;
        }
        if (!Files.exists(source)) {
            throw MurderException.badInput("cannot deploy " + source + ": no such file or directory");
        }
        String name = source.getFileName().toString();
        if (!Files.isRegularFile(source) || !(name.endsWith(".tar.gz") || name.endsWith(".tgz"))) {
            throw MurderException.badInput("cannot deploy " + source + ": give a directory or a .tar.gz file");
        }
        return source.toAbsolutePath();
    }

    private static void validate(Path source, Path tarball, UnpackLimits limits) {
        long started = System.nanoTime();
        try {
            TarballUnpacker.validate(tarball, limits);
        } catch (MurderException e) {
            throw new MurderException(e.kind(), "cannot deploy " + source + ": " + e.getMessage(), e);
        }
        log.debug("checked {} in {} ms", tarball, (System.nanoTime() - started) / 1_000_000);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
