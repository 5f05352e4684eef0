package murder.peer.activate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import murder.core.DirectoryTrees;
import murder.core.MurderException;
import murder.core.tarball.TarballUnpacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks a release beside {@code releases/} and renames it into place only once every byte is on disk, so a
 * directory under {@code releases/} is always complete.
 */
public final class Stager {

    private static final Logger log = LoggerFactory.getLogger(Stager.class);

    private final DeployRoot root;

    public Stager(DeployRoot root) {
        this.root = root;
    }

    /**
     * Unpacks {@code tarball} into {@code releases/<id>}, replacing whatever is there (the caller makes sure that is
     * not what {@code current} points to). On failure nothing is left behind but what was there before.
     */
    public Path stage(Path tarball, String releaseId) {
        Path target = root.releaseDir(releaseId);
        Path staging = root.root().resolve(DeployRoot.STAGING_PREFIX + releaseId + "-" + DeployRoot.randomSuffix());
        try {
            TarballUnpacker.unpack(tarball, staging);
            root.retire(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            DirectoryTrees.fsyncDirectory(root.releasesDir());
            log.debug("unpacked {} into {}", tarball, target);
            return target;
        } catch (IOException e) {
            throw FileTrees.cannotWrite("release directory", target, e);
        } catch (UncheckedIOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot unpack release " + releaseId + " into "
                    + staging + ": " + FileTrees.osError(e.getCause()) + " (is the disk full or read-only?)", e);
        } finally {
            removeQuietly(staging);
        }
    }

    private static void removeQuietly(Path staging) {
        try {
            DirectoryTrees.deleteTree(staging);
        } catch (IOException e) {
            log.warn("cannot remove the staging directory {}: {}; it is removed at the next deploy", staging,
                    FileTrees.osError(e));
        }
    }
}
