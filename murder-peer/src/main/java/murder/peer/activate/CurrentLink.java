package murder.peer.activate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import murder.core.DirectoryTrees;
import murder.core.MurderException;

/**
 * Points {@code current} at a release atomically: a new symlink under a temporary name is renamed over
 * {@code current} (rename(2) replaces it in one step), so readers see the old or the new release, never nothing.
 * The target is relative ({@code releases/<id>}) so the deploy root can be moved or bind-mounted.
 */
public final class CurrentLink {

    private final DeployRoot root;

    public CurrentLink(DeployRoot root) {
        this.root = root;
    }

    /** One activation at a time, even if two callers ever race. */
    public synchronized void swapTo(String releaseId) {
        Path release = root.releaseDir(releaseId);
        if (!Files.isDirectory(release, LinkOption.NOFOLLOW_LINKS)) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot activate " + releaseId + ": " + release
                    + " is not an unpacked release directory");
        }
        Path current = root.current();
        if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot activate " + releaseId + ": " + current
                    + " is a real directory, not a symlink; move it away so the agent can manage it as a symlink");
        }
        Path tmp = root.root().resolve(DeployRoot.CURRENT_TMP_PREFIX + DeployRoot.randomSuffix());
        try {
            Files.createSymbolicLink(tmp, root.root().relativize(release));
            Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE);
            DirectoryTrees.fsyncDirectory(root.root());
        } catch (IOException e) {
            throw FileTrees.cannotWrite("deploy root", root.root(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // removed by the next prepare()
            }
        }
    }
}
