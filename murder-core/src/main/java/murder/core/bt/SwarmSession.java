package murder.core.bt;

import bt.Bt;
import bt.metainfo.IMetadataService;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import murder.core.MurderException;
import murder.core.swarm.SwarmHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent in a bt runtime: downloads it into {@code dir} (resuming from what is there) and then seeds it until
 * closed. Seeding a complete file works the same way: bt re-checks the pieces and reports it downloaded at once.
 *
 * <p>bt 1.10 registers a torrent once per runtime and forgets it only when its processing ends. Stopping a torrent
 * that is still downloading does not end that processing (its thread waits for the last piece forever), so the same
 * torrent could never be opened again in that runtime. {@link #close()} therefore also interrupts that thread, and
 * waits (bounded) until bt has let go of the torrent. Owners keep at most one session per info-hash per runtime.
 */
public final class SwarmSession implements SwarmHandle {

    private static final Logger log = LoggerFactory.getLogger(SwarmSession.class);
    private static final long STOP_WAIT_MS = 10_000;

    private final BtRuntime runtime;
    private final BtClient client;
    private final Torrent torrent;
    private final Path dir;
    private final FailureAwareStorage storage;
    private final CompletableFuture<Void> downloaded = new CompletableFuture<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch chainStarted = new CountDownLatch(1);
    private volatile Thread processing;
    private volatile SwarmProgress progress;

    private SwarmSession(BtRuntime runtime, Torrent torrent, Path dir, Consumer<SwarmProgress> listener) {
        this.runtime = runtime;
        this.torrent = torrent;
        this.dir = dir;
        this.storage = new FailureAwareStorage(dir);
        this.progress = SwarmProgress.none(torrent.getSize());
        runtime.getEventSource().onTorrentStopped(torrent.getTorrentId(), e -> stopped.countDown());
        this.client = Bt.client(runtime)
                .storage(storage)
                .torrent(() -> torrent)
                .afterTorrentFetched(t -> chainStarted.countDown())
                // runs on the thread that then waits for the pieces: remembered so close() can end that wait
                .afterFilesChosen(() -> processing = Thread.currentThread())
                .afterDownloaded(t -> downloaded.complete(null))
                .build();
        storage.failure().thenAccept(f -> log.warn("torrent {}: {}", torrent.getName(), f));
        client.startAsync(state -> {
            progress = toProgress(state);
            listener.accept(progress);
        }, 250);
        // bt runs the torrent as an async task that a stop before it began would skip entirely (leaving nothing
        // that ever reports stopped): return only once it runs
        try {
            if (!chainStarted.await(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("torrent {} did not start within {} s", torrent.getName(), STOP_WAIT_MS / 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a torrent in the runtime.
     *
     * @throws MurderException CONFLICT if the runtime still holds this torrent (the owner must re-use its session)
     */
    public static SwarmSession start(BtRuntime runtime, byte[] torrentBytes, Path dir,
                                     Consumer<SwarmProgress> listener) {
        Torrent torrent = runtime.service(IMetadataService.class).fromByteArray(torrentBytes);
        if (isRegistered(runtime, torrent.getTorrentId())) {
            throw new MurderException(MurderException.Kind.CONFLICT, "torrent " + torrent.getName() + " ("
                    + torrent.getTorrentId() + ") is still open in this BitTorrent runtime: re-use its session");
        }
        return new SwarmSession(runtime, torrent, dir, listener);
    }

    public String name() {
        return torrent.getName();
    }

    public long size() {
        return torrent.getSize();
    }

    /** The info-hash as lower-case hex, as in release manifests. */
    public String infoHash() {
        return torrent.getTorrentId().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** The directory the file is downloaded into and seeded from. */
    public Path dir() {
        return dir;
    }

    /** Completes once every piece is present and verified. */
    public CompletableFuture<Void> downloaded() {
        return downloaded;
    }

    /** Completes with a description of the first local read or write failure (e.g. disk full). */
    public CompletableFuture<String> failure() {
        return storage.failure().thenApply(Object::toString);
    }

    /** True once bt has checked the data already on disk and asks peers for the rest (or has it all). */
    public boolean isChecked() {
        return processing != null || downloaded.isDone();
    }

    public SwarmProgress progress() {
        return progress;
    }

    private SwarmProgress toProgress(TorrentSessionState state) {
        return new SwarmProgress(torrent.getSize(), state.getDownloaded(), state.getUploaded(),
                state.getPiecesComplete(), state.getPiecesTotal(), state.getConnectedPeers().size());
    }

    /**
     * Stops the torrent and waits (bounded) until bt reports it stopped and has forgotten it, so the {@code stopped}
     * announce goes out and the same torrent can be started again in this runtime.
     */
    @Override
    public void close() {
        if (client.isStarted()) {
            client.stop();
        }
        if (!runtime.isRunning()) {
            return; // nothing left to wait for
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        try {
            // bt's download stage re-activates the torrent when it starts, undoing a stop that came earlier (during
            // its data check): stop it again until it is over. A thread waiting for pieces only ends on an
            // interrupt (bt then finalizes the torrent as usual); once only, as that same thread then sends the
            // stopped announce, which must not be cut short.
            boolean interrupted = false;
            while (!stopped.await(100, TimeUnit.MILLISECONDS) && !forgotten()) {
                runtime.service(TorrentRegistry.class).getDescriptor(torrent.getTorrentId())
                        .ifPresent(TorrentDescriptor::stop);
                Thread thread = processing;
                if (thread != null && !interrupted && !downloaded.isDone()) {
                    thread.interrupt();
                    interrupted = true;
                }
                if (System.currentTimeMillis() >= deadline) {
                    log.warn("torrent {} did not report stopped within {} s (registered: {}, processing: {})",
                            torrent.getName(), STOP_WAIT_MS / 1000, isRegistered(runtime, torrent.getTorrentId()),
                            processing == null ? "not started" : processing.getName());
                    return;
                }
            }
            while ((isRegistered(runtime, torrent.getTorrentId()) || isFinalizing(processing))
                    && System.currentTimeMillis() < deadline) {
                // bt forgets the torrent in another listener of the same event, and drops the torrent's listeners
                // right after firing it: a session started before that would lose its own listeners
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True once bt has forgotten a torrent whose processing had started: the registry drops it on the stopped event
     * (in a listener that is never lost, unlike this session's own, which bt may drop with the torrent's others).
     */
    private boolean forgotten() {
        return processing != null && !isRegistered(runtime, torrent.getTorrentId());
    }

    private static boolean isFinalizing(Thread thread) {
        if (thread == null) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("bt.processor.torrent.TorrentContextFinalizer")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRegistered(BtRuntime runtime, TorrentId id) {
        return runtime.isRunning() && runtime.service(TorrentRegistry.class).getDescriptor(id).isPresent();
    }
}
