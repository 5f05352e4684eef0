package murder.core.bt;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.IMetadataService;
import bt.metainfo.Torrent;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentSessionState;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent in a bt runtime: downloads it into {@code dir} (resuming from what is there) and then seeds it until
 * closed. Seeding a complete file works the same way: bt re-checks the pieces and reports it downloaded at once.
 */
public final class SwarmSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SwarmSession.class);

    private final BtRuntime runtime;
    private final BtClient client;
    private final Torrent torrent;
    private final CompletableFuture<Void> downloaded = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile SwarmProgress progress;

    private SwarmSession(BtRuntime runtime, byte[] torrentBytes, Path dir, Consumer<SwarmProgress> listener) {
        this.runtime = runtime;
        this.torrent = runtime.service(IMetadataService.class).fromByteArray(torrentBytes);
        this.progress = SwarmProgress.none(torrent.getSize());
        runtime.getEventSource().onTorrentStopped(torrent.getTorrentId(), e -> stopped.countDown());
        this.client = Bt.client(runtime)
                .storage(new FileSystemStorage(dir))
                .torrent(() -> torrent)
                .afterDownloaded(t -> downloaded.complete(null))
                .build();
        client.startAsync(state -> {
            progress = toProgress(state);
            listener.accept(progress);
        }, 250);
    }

    public static SwarmSession start(BtRuntime runtime, byte[] torrentBytes, Path dir,
                                     Consumer<SwarmProgress> listener) {
        return new SwarmSession(runtime, torrentBytes, dir, listener);
    }

    public String name() {
        return torrent.getName();
    }

    public long size() {
        return torrent.getSize();
    }

    /** Completes once every piece is present and verified. */
    public CompletableFuture<Void> downloaded() {
        return downloaded;
    }

    public SwarmProgress progress() {
        return progress;
    }

    private SwarmProgress toProgress(TorrentSessionState state) {
        return new SwarmProgress(torrent.getSize(), state.getDownloaded(), state.getUploaded(),
                state.getPiecesComplete(), state.getPiecesTotal(), state.getConnectedPeers().size());
    }

    /** Stops the torrent and waits (bounded) for bt's stopped event, so the {@code stopped} announce goes out. */
    @Override
    public void close() {
        if (!client.isStarted()) {
            return;
        }
        client.stop();
        try {
            if (!stopped.await(5, TimeUnit.SECONDS)) {
                log.debug("torrent {} did not report stopped within 5 s", torrent.getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!runtime.isRunning()) {
            log.debug("runtime already down while stopping {}", torrent.getName());
        }
    }
}
