package murder.peer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import murder.peer.activate.DeployRoot;
import murder.peer.activate.FileTrees;
import murder.peer.activate.Retention;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after each activation: retention of unpacked releases, then deletion of tarballs (and cached torrents) whose
 * release directory is gone, including downloads of deployments that failed or were superseded. A tarball is kept
 * while any release directory present names its content (by the info-hash of the release's cached torrent). Never fails the
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
            Set<String> keptContent = new HashSet<>();
            for (String id : data.cachedTorrents()) {
                if (Files.isDirectory(root.releaseDir(id))) {
                    data.cachedInfoHash(id).ifPresent(keptContent::add);
                } else {
                    source.stop(id); // bt must let go of the file first
                    data.forget(id);
                }
            }
            for (String id : data.downloadedReleases()) { // the layout of older agents, by release id
                if (!Files.isDirectory(root.releaseDir(id))) {
                    source.stop(id);
                    data.forget(id);
                }
            }
            source.keepOnly(root.currentRelease()); // nothing else may seed from what is deleted next
            for (String hash : data.contentHashes()) {
                if (!keptContent.contains(hash)) {
                    data.forgetContent(hash);
                }
            }
        } catch (IOException e) {
            log.warn("cleanup after activation: {}", FileTrees.osError(e));
        } catch (RuntimeException e) {
            log.warn("cleanup after activation: {}", e.getMessage());
        }
    }
}
