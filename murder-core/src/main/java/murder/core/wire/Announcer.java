package murder.core.wire;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import murder.core.wire.tracker.AnnounceEvent;
import murder.core.wire.tracker.AnnounceException;
import murder.core.wire.tracker.AnnounceRequest;
import murder.core.wire.tracker.AnnounceResponse;
import murder.core.wire.tracker.HttpAnnouncer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the tracker about one torrent: started once checked, then every interval the tracker asks for (at least its
 * min interval), completed at once when the last piece verifies, stopped when closed. Each answer's peers are
 * dialed. A seed announces at most once every 15 s, and so does a leecher the tracker has nothing new for: its interval
 * doubles from the tracker's with each answer that brings no peer to dial, and falls back to it with one that does.
 * Newcomers find it anyway, through their own announces. Requests of one torrent never overlap (a late answer must
 * not undo a newer one).
 */
final class Announcer {

    private static final Logger log = LoggerFactory.getLogger(Announcer.class);
    private static final long RETRY_MS = 2_000;
    private static final int NUMWANT = 50;
    /**
     * How often a complete torrent, or one the tracker has no new peers for, announces at most: the tracker keeps a
     * peer listed for at least 30 s, and for twice its cadence.
     */
    private static final long SEED_INTERVAL_MS = 15_000;

    private final WireEngine engine;
    private final WireSwarm swarm;
    private final HttpAnnouncer client;
    private boolean started;
    private boolean stopped;
    private ScheduledFuture<?> next;
    private String lastError;
    /** The interval while answers bring no new peers; 0 after one that did. */
    private long quietIntervalMs;

    Announcer(WireEngine engine, WireSwarm swarm) {
        this.engine = engine;
        this.swarm = swarm;
        String url = swarm.meta().announce();
        this.client = url == null || !(url.startsWith("http://") || url.startsWith("https://")) ? null
                : engine.announcer(url);
        if (client == null) {
            log.warn("{}: torrent has no http(s) announce URL ({}): only peers that connect here are found",
                    swarm.name(), url);
        }
    }

    void start() {
        schedule(0);
    }

    void completed() {
        announce(AnnounceEvent.COMPLETED);
    }

    /** Cancels the schedule and sends {@code stopped} (bounded by the request timeout) if started was sent. */
    void stop() {
        boolean tell;
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
            tell = started;
        }
        if (tell && client != null) {
            try {
                client.announce(request(AnnounceEvent.STOPPED));
            } catch (AnnounceException e) {
                log.debug("{}: stopped announce failed: {}", swarm.name(), e.getMessage());
            }
        }
    }

    private synchronized void schedule(long delayMs) {
        if (!stopped && client != null) {
            next = engine.scheduler().schedule(() -> engine.background(this::regular), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void regular() {
        long delay = announce(started() ? AnnounceEvent.NONE : AnnounceEvent.STARTED);
        schedule(delay);
    }

    private synchronized boolean started() {
        return started;
    }

    /** @return when to announce next, in ms */
    private synchronized long announce(AnnounceEvent event) {
        if (stopped || client == null) {
            return RETRY_MS;
        }
        try {
            AnnounceResponse answer = client.announce(request(event));
            if (event == AnnounceEvent.STARTED) {
                started = true;
            }
            if (lastError != null) {
                log.info("{}: tracker reachable again", swarm.name());
                lastError = null;
            }
            boolean nothingNew = swarm.connectTo(answer.peers());
            long interval = answer.interval().toMillis();
            if (answer.minInterval() != null) {
                interval = Math.max(interval, answer.minInterval().toMillis());
            }
            if (swarm.isComplete()) {
                // a seed is dialed by leechers, not the other way round: it needs announcing only to stay listed
                interval = Math.max(interval, SEED_INTERVAL_MS);
            } else if (nothingNew && event != AnnounceEvent.STARTED) {
                quietIntervalMs = quietIntervalMs == 0 ? interval : Math.min(2 * quietIntervalMs, SEED_INTERVAL_MS);
                interval = Math.max(interval, quietIntervalMs);
            } else {
                quietIntervalMs = 0;
            }
            return Math.max(1_000, Math.min(interval, 300_000));
        } catch (AnnounceException e) {
            if (!e.getMessage().equals(lastError)) {
                log.warn("{}: {}", swarm.name(), e.getMessage());
                lastError = e.getMessage();
            }
            return RETRY_MS;
        }
    }

    private AnnounceRequest request(AnnounceEvent event) {
        return new AnnounceRequest(swarm.meta().infoHash(), engine.peerId(), engine.announcedAddress(), engine.port(),
                swarm.uploadedBytes(), swarm.downloadedBytes(), swarm.left(), event,
                event == AnnounceEvent.STOPPED || swarm.isComplete() && event == AnnounceEvent.COMPLETED ? 0
                        : NUMWANT);
    }
}
