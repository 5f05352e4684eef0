package murder.peer.activate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import murder.core.DirectoryTrees;
import murder.core.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of a host's deploy root: {@code releases/<id>/}, the {@code current} symlink, and the transient
 * {@code .staging-*}, {@code .trash-*} and {@code current.tmp-*} entries that only exist while the agent works.
 */
public final class DeployRoot {

    private static final Logger log = LoggerFactory.getLogger(DeployRoot.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String STAGING_PREFIX = ".staging-";
    static final String TRASH_PREFIX = ".trash-";
    static final String CURRENT_TMP_PREFIX = "current.tmp-";

    private final Path root;

    public DeployRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path releasesDir() {
        return root.resolve("releases");
    }

    public Path releaseDir(String releaseId) {
        return releasesDir().resolve(Names.requireReleaseId(releaseId));
    }

    public Path current() {
        return root.resolve("current");
    }

    /** The release {@code current} points to, if it points into {@code releases/} and resolves to a directory. */
    public Optional<String> currentRelease() {
        Path current = current();
        if (!Files.isSymbolicLink(current) || !Files.isDirectory(current)) {
            return Optional.empty();
        }
        try {
            Path target = root.resolve(Files.readSymbolicLink(current)).normalize();
            if (target.getParent() != null && target.getParent().equals(releasesDir())
                    && Names.isValid(target.getFileName().toString())) {
                return Optional.of(target.getFileName().toString());
            }
        } catch (IOException e) {
            log.debug("cannot read {}: {}", current, e.toString());
        }
        return Optional.empty();
    }

    /** Checks the agent can write here and removes what an interrupted earlier run left behind. */
    public void prepare() {
        FileTrees.requireWritableDirectory("deploy root", root);
        FileTrees.requireWritableDirectory("releases directory", releasesDir());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(STAGING_PREFIX) || name.startsWith(TRASH_PREFIX)
                        || name.startsWith(CURRENT_TMP_PREFIX) && Files.isSymbolicLink(entry)) {
                    log.debug("removing leftover {}", entry);
                    DirectoryTrees.deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw FileTrees.cannotWrite("deploy root", root, e);
        }
    }

    /**
     * Takes a directory out of {@code releases/} in one rename, then deletes it, so a half-deleted tree never sits
     * under a release's name.
     */
    void retire(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path trash = root.resolve(TRASH_PREFIX + dir.getFileName() + "-" + randomSuffix());
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        DirectoryTrees.deleteTree(trash);
    }

    static String randomSuffix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
