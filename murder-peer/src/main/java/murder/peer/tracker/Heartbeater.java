package murder.peer.tracker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the tracker every interval that this agent is alive, which tags it has, where it seeds, and what it runs
 * (read from {@code current} each time, so it is the truth on disk). Retries sooner while the tracker is down.
 */
public final class Heartbeater extends AgentLoop {

    private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);

    private final TrackerLink link;
    private final List<String> tags;
    private final int btPort;
    private final Supplier<Optional<String>> activeRelease;
    private final Duration interval;
    private final CountDownLatch firstSent = new CountDownLatch(1);

    public Heartbeater(TrackerLink link, List<String> tags, int btPort, Supplier<Optional<String>> activeRelease,
                       Duration interval) {
        super("murder-agent-heartbeat");
        this.link = link;
        this.tags = List.copyOf(tags);
        this.btPort = btPort;
        this.activeRelease = activeRelease;
        this.interval = interval;
    }

    public Heartbeater start() {
        startThread();
        return this;
    }

    /** Waits (bounded) until the tracker has taken one heartbeat, i.e. knows this agent. */
    public boolean awaitFirst(Duration timeout) throws InterruptedException {
        return firstSent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void loop() {
        Backoff backoff = new Backoff();
        while (!stopping()) {
            Duration delay = interval;
            try {
                AgentHeartbeat heartbeat = new AgentHeartbeat(tags, btPort, activeRelease.get().orElse(null));
                link.run(() -> link.client().heartbeat(link.host(), heartbeat));
                backoff.reset();
                firstSent.countDown();
            } catch (MurderException e) {
                if (stopping()) {
                    return;
                }
                Duration retry = backoff.next();
                delay = retry.compareTo(interval) < 0 ? retry : interval;
            } catch (RuntimeException e) {
                log.warn("heartbeat failed unexpectedly", e);
            }
            if (pause(delay)) {
                return;
            }
        }
    }
}
