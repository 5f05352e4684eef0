package murder.peer.tracker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import murder.core.MurderException;
import murder.core.client.TrackerClient;
import murder.peer.deploy.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the tracker, shared by heartbeats, the long-poll, reports and torrent downloads. It
 * tracks outages so an unreachable tracker is logged once as WARN when the outage starts and once as INFO when it
 * ends, not on every retry. Only a call that started after the outage began can end it: a slow request that was
 * already on its way must not make the outage look over.
 */
public final class TrackerLink {

    private static final Logger log = LoggerFactory.getLogger(TrackerLink.class);

    private final TrackerClient client;
    private final String host;
    private Long downSinceNanos;
    private String lastRefusal;

    public TrackerLink(TrackerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    public TrackerClient client() {
        return client;
    }

    public String host() {
        return host;
    }

    public synchronized boolean isDown() {
        return downSinceNanos != null;
    }

    /** One call to the tracker; outcomes feed the outage state. Errors are rethrown for the caller to decide. */
    public <T> T call(Supplier<T> call) {
        long started = System.nanoTime();
        try {
            T result = call.get();
            up(started);
            return result;
        } catch (MurderException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // the agent is stopping, not the tracker
            }
            if (e.kind() == MurderException.Kind.UNAVAILABLE) {
                down(e);
            } else {
                refused(e);
            }
            throw e;
        }
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** Calls the tracker until it answers (retrying while it is unreachable) or {@code cancel} fires. */
    public <T> T retrying(Supplier<T> call, Cancellation cancel) {
        Backoff backoff = new Backoff();
        while (true) {
            cancel.throwIfCancelled();
            try {
                return call(call);
            } catch (MurderException e) {
                if (e.kind() != MurderException.Kind.UNAVAILABLE) {
                    throw e;
                }
                cancel.sleep(backoff.next());
            }
        }
    }

    private synchronized void up(long callStartedNanos) {
        lastRefusal = null;
        if (downSinceNanos != null && callStartedNanos - downSinceNanos > 0) {
            log.info("tracker {} is reachable again after {} s", client.base(),
                    Duration.ofNanos(System.nanoTime() - downSinceNanos).toSeconds());
            downSinceNanos = null;
        }
    }

    private synchronized void down(MurderException e) {
        if (downSinceNanos == null) {
            downSinceNanos = System.nanoTime();
            log.warn("{}; agent {} keeps retrying (every {} s at most) and resends its reports when it is back",
                    e.getMessage(), host, Backoff.CAP.toSeconds());
        } else {
            log.debug("tracker still unreachable: {}", e.getMessage());
        }
    }

    /** The tracker answered with an error: worth a WARN once per distinct message, not once per retry. */
    private synchronized void refused(MurderException e) {
        if (!Objects.equals(lastRefusal, e.getMessage())) {
            lastRefusal = e.getMessage();
            log.warn("{}", e.getMessage());
        } else {
            log.debug("{}", e.getMessage());
        }
    }
}
