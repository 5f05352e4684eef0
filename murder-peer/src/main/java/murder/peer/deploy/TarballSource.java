package murder.peer.deploy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;
import murder.core.api.ReleaseManifest;

/** Gets a release's tarball onto this host (BitTorrent in the agent, a local copy in tests) and shares it. */
public interface TarballSource {

    /**
     * Blocks until the tarball is complete in {@code dir}, resuming from what is already there.
     *
     * @param percent called with the download progress (0-100), often; the caller throttles
     * @throws CancelledException when {@code cancel} fires first
     */
    Fetched fetch(ReleaseManifest release, Path dir, IntConsumer percent, Cancellation cancel);

    /** Starts sharing a tarball that is already complete in {@code dir} (best effort). */
    default void seed(ReleaseManifest release, Path dir) {
    }

    /** Stops sharing a release, e.g. before its tarball is deleted. */
    default void stop(String releaseId) {
    }

    /** Stops sharing every release but this one. */
    default void keepOnly(Optional<String> releaseId) {
    }

    /**
     * @param bytes the tarball's size
     * @param peers the most peers seen connected while downloading (bt samples every 250 ms)
     */
    record Fetched(Path tarball, long bytes, int peers) {
    }
}
