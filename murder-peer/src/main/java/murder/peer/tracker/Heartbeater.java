package murder.peer.tracker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the tracker every interval that this agent is alive, which tags it has, where it seeds, and what it runs
 * (read from {@code current} each time, so it is the truth on disk). Retries sooner while the tracker is down.
 *
 * <p>While a deployment runs, the agent also reports its progress every couple of seconds, and the tracker counts a
 * report as a sign of life too. So a heartbeat that would say nothing new (same active release) is skipped when a
 * report reached the tracker within the last interval, but never two in a row: a tracker that counts only heartbeats
 * still hears from the agent every two intervals, well inside its agent timeout (5 intervals by default).
 */
public final class Heartbeater extends AgentLoop {

    private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);

    private final TrackerLink link;
    private final List<String> tags;
    private final int btPort;
    private final Supplier<Optional<String>> activeRelease;
    private final Duration interval;
    private final BooleanSupplier reportedWithinInterval;
    private final CountDownLatch firstSent = new CountDownLatch(1);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    /** @param reportedWithinInterval whether a state report reached the tracker within the last interval */
    public Heartbeater(TrackerLink link, List<String> tags, int btPort, Supplier<Optional<String>> activeRelease,
                       Duration interval, BooleanSupplier reportedWithinInterval) {
        super("murder-agent-heartbeat");
        this.link = link;
        this.tags = List.copyOf(tags);
        this.btPort = btPort;
        this.activeRelease = activeRelease;
        this.interval = interval;
        this.reportedWithinInterval = reportedWithinInterval;
    }

    public Heartbeater start() {
        startThread();
        return this;
    }

    /** Waits (bounded) until the tracker has taken one heartbeat, i.e. knows this agent. */
    public boolean awaitFirst(Duration timeout) throws InterruptedException {
        return firstSent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Heartbeats the tracker took, and those skipped because a report had just said the same. */
    public int sentCount() {
        return sent.get();
    }

    public int skippedCount() {
        return skipped.get();
    }

    @Override
    protected void loop() {
        Backoff backoff = new Backoff();
        boolean skippedLast = false;
        String lastSentRelease = null;
        while (!stopping()) {
            Duration delay = interval;
            try {
                String active = activeRelease.get().orElse(null);
                if (!skippedLast && sent.get() > 0 && Objects.equals(active, lastSentRelease)
                        && reportedWithinInterval.getAsBoolean()) {
                    skippedLast = true;
                    skipped.incrementAndGet();
                } else {
                    AgentHeartbeat heartbeat = new AgentHeartbeat(tags, btPort, active);
                    link.run(() -> link.client().heartbeat(link.host(), heartbeat));
                    backoff.reset();
                    skippedLast = false;
                    lastSentRelease = active;
                    sent.incrementAndGet();
                    firstSent.countDown();
                }
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
