package murder.peer.swarm;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import murder.core.bt.SwarmProgress;
import murder.core.swarm.SwarmEngine;
import murder.core.swarm.SwarmHandle;
import murder.core.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's open torrents in its one swarm engine: one session per info-hash, shared by every deployment and release
 * id with that content (an engine holds a torrent once). Release ids map to the content they name; a
 * session stops when no wanted release names it any more. Stopping waits for bt (bounded), under this object's lock,
 * so an open of the same content never races a stop.
 */
public final class Swarms implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Swarms.class);

    private final SwarmEngine engine;
    private final Map<String, Entry> byHash = new HashMap<>();
    private final Map<String, String> hashOfRelease = new HashMap<>();
    /** Not this object's lock, which a stop holds for seconds: metrics read the byte counts without waiting. */
    private final Object counting = new Object();
    private final Map<String, SwarmHandle> counted = new HashMap<>();
    private long stoppedDownloaded;
    private long stoppedUploaded;

    public Swarms(SwarmEngine engine) {
        this.engine = engine;
    }

    /**
     * Opens the torrent of a release, or re-uses the session of the same content (then only the progress listener
     * changes, and the file stays where that session has it: see {@link SwarmHandle#dir()}).
     */
    public synchronized SwarmHandle open(String releaseId, byte[] torrent, Path dir,
                                          Consumer<SwarmProgress> listener) {
        String hash = InfoHash.of(torrent).toLowerCase(java.util.Locale.ROOT);
        hashOfRelease.put(releaseId, hash);
        Entry entry = byHash.get(hash);
        if (entry == null) {
            Entry created = new Entry(listener);
            created.session = engine.open(torrent, dir, p -> created.listener.accept(p));
            byHash.put(hash, created);
            synchronized (counting) {
                counted.put(hash, created.session);
            }
            log.debug("opened {} ({}) for {} in {}", created.session.name(), hash, releaseId, dir);
            return created.session;
        }
        entry.listener = listener;
        log.debug("re-using the open {} ({}) for {}", entry.session.name(), hash, releaseId);
        return entry.session;
    }

    /** The open session of this content, if any. */
    public synchronized Optional<SwarmHandle> session(String infoHash) {
        return Optional.ofNullable(byHash.get(infoHash.toLowerCase(java.util.Locale.ROOT))).map(e -> e.session);
    }

    /** Info-hashes with an open session. */
    public synchronized Set<String> open() {
        return Set.copyOf(byHash.keySet());
    }

    /** Forgets a release; stops its content unless another release still names it. */
    public synchronized void stop(String releaseId) {
        String hash = hashOfRelease.remove(releaseId);
        if (hash != null && !hashOfRelease.containsValue(hash)) {
            stopContent(hash);
        }
    }

    /** Stops every session but the one of this release's content. */
    public synchronized void keepOnly(Optional<String> releaseId) {
        Optional<String> keep = releaseId.map(hashOfRelease::get);
        hashOfRelease.values().removeIf(hash -> keep.map(k -> !k.equals(hash)).orElse(true));
        List.copyOf(byHash.keySet()).stream().filter(hash -> keep.map(k -> !k.equals(hash)).orElse(true))
                .forEach(this::stopContent);
    }

    private void stopContent(String hash) {
        Entry entry = byHash.remove(hash);
        if (entry != null) {
            entry.session.close();
            synchronized (counting) {
                SwarmProgress last = counted.remove(hash).progress();
                stoppedDownloaded += last.downloaded();
                stoppedUploaded += last.uploaded();
            }
            log.debug("stopped sharing {} ({})", entry.session.name(), hash);
        }
    }

    /**
     * Bytes received and sent over BitTorrent since this agent started, by every torrent, open or stopped: never
     * less than an earlier answer, as a stopped torrent's bytes move to the stopped totals in one step.
     */
    public Transfer transferred() {
        synchronized (counting) {
            long down = stoppedDownloaded;
            long up = stoppedUploaded;
            int peers = 0;
            for (SwarmHandle session : counted.values()) {
                SwarmProgress p = session.progress();
                down += p.downloaded();
                up += p.uploaded();
                peers += p.peers();
            }
            return new Transfer(down, up, counted.size(), peers);
        }
    }

    /** What {@link #transferred()} tells: bytes in and out, torrents open now and the peers connected to them. */
    public record Transfer(long downloaded, long uploaded, int torrents, int peers) {
    }

    @Override
    public void close() {
        keepOnly(Optional.empty());
    }

    private static final class Entry {
        volatile Consumer<SwarmProgress> listener;
        SwarmHandle session;

        Entry(Consumer<SwarmProgress> listener) {
            this.listener = listener;
        }
    }
}
