package murder.peer.swarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import murder.core.MurderException;
import murder.core.api.ReleaseManifest;
import murder.core.bt.SwarmProgress;
import murder.core.swarm.SwarmHandle;
import murder.core.torrent.InfoHash;
import murder.peer.activate.FileTrees;
import murder.peer.deploy.Cancellation;
import murder.peer.deploy.TarballSource;
import murder.peer.state.DataDir;
import murder.peer.tracker.TrackerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads tarballs from the swarm (the seeder and every other agent) and keeps sharing them. Torrents are cached in
 * the data dir, so seeding resumes after a restart even while the tracker is down.
 */
public final class SwarmTarballSource implements TarballSource {

    private static final Logger log = LoggerFactory.getLogger(SwarmTarballSource.class);

    /** How often a download looks at its progress, failures and cancellation. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final TrackerLink link;
    private final Swarms swarms;
    private final DataDir data;
    private final Duration stallTimeout;
    private final SpaceCheck space;

    public SwarmTarballSource(TrackerLink link, Swarms swarms, DataDir data, Duration stallTimeout) {
        this(link, swarms, data, stallTimeout, new SpaceCheck(SpaceCheck.FILE_STORE));
    }

    public SwarmTarballSource(TrackerLink link, Swarms swarms, DataDir data, Duration stallTimeout, SpaceCheck space) {
        this.link = link;
        this.swarms = swarms;
        this.data = data;
        this.stallTimeout = stallTimeout;
        this.space = space;
    }

    /**
     * Downloads into {@code dir} unless this content is already open (another release id, an earlier deployment of
     * this one): then that session is re-used wherever its file is. Ends FAILED, never hangs, when the download
     * stalls for the stall timeout or bt cannot read or write the file.
     */
    @Override
    public Fetched fetch(ReleaseManifest release, Path dir, IntConsumer percent, Cancellation cancel) {
        byte[] torrent = torrent(release, cancel);
        String infoHash = InfoHash.of(torrent);
        if (swarms.session(infoHash).isEmpty()) {
            space.require(dir, release.fileName(), release.size(), release.id());
        }
        AtomicInteger maxPeers = new AtomicInteger();
        AtomicInteger lastLogged = new AtomicInteger(-1);
        AtomicBoolean downloading = new AtomicBoolean(true);
        SwarmHandle session = swarms.open(release.id(), torrent, dir, p -> {
            if (!downloading.get()) {
                return; // bt keeps calling while seeding; the deployment has moved on
            }
            maxPeers.accumulateAndGet(p.peers(), Math::max);
            if (lastLogged.getAndSet(p.percent()) != p.percent()) {
                log.debug("release {}: {}% ({} peers, {} B down, {} B up)", release.id(), p.percent(), p.peers(),
                        p.downloaded(), p.uploaded());
            }
            percent.accept(p.percent());
        });
        if (!session.name().equals(release.fileName())) {
            swarms.stop(release.id());
            throw new MurderException(MurderException.Kind.FAILED, "the torrent of release " + release.id()
                    + " carries '" + session.name() + "' but the manifest names '" + release.fileName()
                    + "': republish the release");
        }
        try {
            awaitDownloaded(release, session, cancel);
        } finally {
            downloading.set(false);
        }
        SwarmProgress progress = session.progress();
        return new Fetched(session.dir().resolve(session.name()), session.size(),
                Math.max(maxPeers.get(), progress.peers()));
    }

    /** A bounded poll: done, cancelled, a storage failure, or no progress for the stall timeout. */
    private void awaitDownloaded(ReleaseManifest release, SwarmHandle session, Cancellation cancel) {
        CompletableFuture<Object> ended = CompletableFuture.anyOf(session.downloaded(), session.failure());
        StallWatch stall = new StallWatch(stallTimeout, System.nanoTime());
        while (true) {
            boolean done = cancel.await(ended, POLL);
            if (session.downloaded().isDone()) {
                return;
            }
            if (done) {
                throw new MurderException(MurderException.Kind.FAILED, "download of release " + release.id()
                        + " failed: " + session.failure().join() + "; fix the disk, then redeploy");
            }
            Optional<String> stalled = stall.check(session.progress(), !session.isChecked(),
                    System.nanoTime());
            if (stalled.isPresent()) {
                throw new MurderException(MurderException.Kind.FAILED, stalled.get());
            }
        }
    }

    @Override
    public void seed(ReleaseManifest release, Path dir) {
        try {
            swarms.open(release.id(), cachedTorrent(release).orElseGet(() -> fetchTorrent(release)), dir, p -> { });
            log.debug("seeding {} from {}", release.id(), dir);
        } catch (RuntimeException e) {
            log.warn("cannot seed release {} from {}: {}", release.id(), dir, e.getMessage());
        }
    }

    @Override
    public void stop(String releaseId) {
        swarms.stop(releaseId);
    }

    @Override
    public void keepOnly(Optional<String> releaseId) {
        swarms.keepOnly(releaseId);
    }

    private byte[] torrent(ReleaseManifest release, Cancellation cancel) {
        return cachedTorrent(release).orElseGet(() -> link.retrying(() -> fetchTorrent(release), cancel));
    }

    private byte[] fetchTorrent(ReleaseManifest release) {
        byte[] torrent = link.call(() -> link.client().torrent(release.id()));
        String infoHash = InfoHash.of(torrent);
        if (release.infoHash() != null && !release.infoHash().equalsIgnoreCase(infoHash)) {
            throw new MurderException(MurderException.Kind.FAILED, "the tracker's torrent of release " + release.id()
                    + " has info-hash " + infoHash + " but the manifest says " + release.infoHash()
                    + ": republish the release");
        }
        cache(release.id(), torrent);
        return torrent;
    }

    private Optional<byte[]> cachedTorrent(ReleaseManifest release) {
        Path file = data.torrentFile(release.id());
        try {
            byte[] torrent = Files.readAllBytes(file);
            if (release.infoHash() == null || release.infoHash().equalsIgnoreCase(InfoHash.of(torrent))) {
                return Optional.of(torrent);
            }
            log.debug("cached torrent {} is for another release; fetching it again", file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | MurderException e) {
            log.debug("cannot use the cached torrent {}: {}", file, e.getMessage());
        }
        return Optional.empty();
    }

    /** Best effort: without the cache the torrent is fetched from the tracker again. */
    private void cache(String releaseId, byte[] torrent) {
        Path file = data.torrentFile(releaseId);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(tmp, torrent);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.debug("cannot cache the torrent of {} in {}: {}", releaseId, file, FileTrees.osError(e));
        }
    }
}
