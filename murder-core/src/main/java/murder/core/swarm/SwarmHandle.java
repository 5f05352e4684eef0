package murder.core.swarm;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import murder.core.bt.SwarmProgress;

/**
 * One torrent in a swarm engine: downloads its file into {@link #dir()} (resuming from what is there), then seeds it
 * until closed. Seeding a complete file works the same way: the engine checks the pieces and reports it downloaded.
 */
public interface SwarmHandle extends AutoCloseable {

    String name();

    long size();

    /** The info-hash as lower-case hex, as in release manifests. */
    String infoHash();

    /** The directory the file is downloaded into and seeded from. */
    Path dir();

    /** Completes once every piece is present and verified. */
    CompletableFuture<Void> downloaded();

    /** Completes with a description of the first local read or write failure (e.g. disk full). */
    CompletableFuture<String> failure();

    /** True once the data already on disk is checked and the rest is asked of peers (or all is there). */
    boolean isChecked();

    SwarmProgress progress();

    /** Stops sharing, tells the tracker (bounded), and lets go of the file. */
    @Override
    void close();
}
