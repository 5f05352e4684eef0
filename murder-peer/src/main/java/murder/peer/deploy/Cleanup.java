package murder.peer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import murder.peer.activate.DeployRoot;
import murder.peer.activate.FileTrees;
import murder.peer.activate.Retention;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after each activation: retention of unpacked releases, then deletion of tarballs (and cached torrents) whose
 * release directory is gone, including downloads of deployments that failed or were superseded. Never fails the
 * deployment: a deploy that activated is a success even if old files stay.
 */
final class Cleanup {

    private static final Logger log = LoggerFactory.getLogger(Cleanup.class);

    private final DeployRoot root;
    private final Retention retention;
    private final DataDir data;
    private final AgentStateStore state;
    private final TarballSource source;
    private final int keepReleases;

    Cleanup(DeployRoot root, DataDir data, AgentStateStore state, TarballSource source, int keepReleases) {
        this.root = root;
        this.retention = new Retention(root);
        this.data = data;
        this.state = state;
        this.source = source;
        this.keepReleases = keepReleases;
    }

    void run() {
        try {
            List<String> deleted = retention.retain(state.get().activationsNewestFirst(), keepReleases);
            if (!deleted.isEmpty()) {
                log.info("retention: deleted releases {} (keeping {})", deleted, keepReleases);
                state.update(s -> s.withoutReleases(deleted));
            }
            for (String id : data.downloadedReleases()) {
                if (!Files.isDirectory(root.releaseDir(id))) {
                    source.stop(id); // bt must let go of the file first
                    data.forget(id);
                }
            }
        } catch (IOException e) {
            log.warn("cleanup after activation: {}", FileTrees.osError(e));
        } catch (RuntimeException e) {
            log.warn("cleanup after activation: {}", e.getMessage());
        }
    }
}
