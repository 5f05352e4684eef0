package murder.peer.activate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import murder.core.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest {@code keep} unpacked releases, newest meaning most recently activated; releases never
 * activated (staged, then superseded) count as older than any activated one. The release {@code current} points
 * to is never deleted.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DeployRoot root;

    public Retention(DeployRoot root) {
        this.root = root;
    }

    /**
     * @param activatedNewestFirst release ids in the order they were last activated, newest first
     * @return the ids whose directories were deleted
     */
    public List<String> retain(List<String> activatedNewestFirst, int keep) {
        List<String> present = presentReleases();
        Set<String> ranked = new LinkedHashSet<>();
        activatedNewestFirst.stream().filter(present::contains).forEach(ranked::add);
        present.stream().filter(id -> !ranked.contains(id))
                .sorted(Comparator.comparing(this::modified).reversed()).forEach(ranked::add);
        Optional<String> current = root.currentRelease();
        List<String> deleted = new ArrayList<>();
        int kept = current.isPresent() ? 1 : 0;
        for (String id : ranked) {
            if (current.isPresent() && current.get().equals(id)) {
                continue;
            }
            if (kept < keep) {
                kept++;
                continue;
            }
            try {
                root.retire(root.releaseDir(id));
                deleted.add(id);
                log.debug("retention: deleted release {}", id);
            } catch (IOException e) {
                log.warn("retention: cannot delete {}: {}", root.releaseDir(id), FileTrees.osError(e));
            }
        }
        return deleted;
    }

    private List<String> presentReleases() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(root.releasesDir())) {
            return ids;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.releasesDir())) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (Names.isValid(name) && Files.isDirectory(dir)) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            log.warn("retention: cannot list {}: {}", root.releasesDir(), FileTrees.osError(e));
        }
        return ids;
    }

    private long modified(String id) {
        try {
            return Files.getLastModifiedTime(root.releaseDir(id)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
