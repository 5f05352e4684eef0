package murder.peer.activate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import murder.core.DirectoryTrees;
import murder.core.MurderException;
import murder.core.tarball.TarballUnpacker;
import murder.core.tarball.UnpackLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks a release beside {@code releases/} and renames it into place only once every byte is on disk, so a
 * directory under {@code releases/} is always complete. The unpacker refuses hostile entries and enforces the
 * agent's {@link UnpackLimits}; whatever fails, the staging directory is removed and {@code releases/} and
 * {@code current} are as they were.
 */
public final class Stager {

    private static final Logger log = LoggerFactory.getLogger(Stager.class);

    private final DeployRoot root;
    private final UnpackLimits limits;

    public Stager(DeployRoot root) {
        this(root, UnpackLimits.defaults());
    }

    public Stager(DeployRoot root, UnpackLimits limits) {
        this.root = root;
        this.limits = limits;
    }

    /**
     * Unpacks {@code tarball} into {@code releases/<id>}, replacing whatever is there (the caller makes sure that is
     * not what {@code current} points to). On failure nothing is left behind but what was there before; the
     * {@link MurderException} is BAD_INPUT if the tarball was refused, FAILED if this host could not write it.
     */
    public Path stage(Path tarball, String releaseId) {
        Path target = root.releaseDir(releaseId);
        Path staging = root.root().resolve(DeployRoot.STAGING_PREFIX + releaseId + "-" + DeployRoot.randomSuffix());
        try {
            unpack(tarball, staging, releaseId);
            root.retire(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            DirectoryTrees.fsyncDirectory(root.releasesDir());
            log.debug("unpacked {} into {}", tarball, target);
            return target;
        } catch (IOException e) {
            throw FileTrees.cannotWrite("release directory", target, e);
        } finally {
            removeQuietly(staging);
        }
    }

    private void unpack(Path tarball, Path staging, String releaseId) {
        try {
            TarballUnpacker.unpack(tarball, staging, limits);
        } catch (MurderException e) {
            throw new MurderException(e.kind(), "cannot unpack release " + releaseId + ": " + e.getMessage(), e);
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
