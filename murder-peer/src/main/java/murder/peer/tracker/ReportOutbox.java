package murder.peer.tracker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import murder.core.MurderException;
import murder.core.api.StateReport;
import murder.peer.deploy.ReportSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends state reports from its own thread and keeps the latest unsent report per deployment until the tracker
 * takes it: deployments never wait on the tracker, a burst of progress reports collapses into the newest one, and an
 * outage (or a tracker restart) cannot lose a final ACTIVE or FAILED.
 */
public final class ReportOutbox implements ReportSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportOutbox.class);
    /** A report the tracker keeps refusing (not merely unreachable) is dropped after this many tries. */
    static final int MAX_REFUSALS = 10;

    private final TrackerLink link;
    private final Map<Long, StateReport> pending = new LinkedHashMap<>();
    private final Thread thread;
    private boolean closed;
    private volatile long lastDeliveredNanos;
    private volatile boolean delivered;

    public ReportOutbox(TrackerLink link) {
        this.link = link;
        this.thread = new Thread(this::loop, "murder-agent-reports");
        this.thread.setDaemon(true);
    }

    public ReportOutbox start() {
        thread.start();
        return this;
    }

    @Override
    public synchronized void report(StateReport report) {
        pending.remove(report.deploymentId()); // re-insert: the newest state goes to the back of the queue
        pending.put(report.deploymentId(), report);
        notifyAll();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Whether the tracker took a report less than {@code within} ago (the heartbeat then has less to say). */
    public boolean deliveredWithin(Duration within) {
        return delivered && System.nanoTime() - lastDeliveredNanos < within.toNanos();
    }

    private void loop() {
        Backoff backoff = new Backoff();
        int refusals = 0;
        while (true) {
            StateReport report;
            synchronized (this) {
                while (pending.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                report = pending.values().iterator().next();
            }
            try {
                link.run(() -> link.client().report(link.host(), report));
                lastDeliveredNanos = System.nanoTime();
                delivered = true;
                backoff.reset();
                refusals = 0;
                sent(report);
                continue;
            } catch (MurderException e) {
                if (isClosed()) {
                    return; // interrupted by close(): not an outage
                }
                if (refusesTheReport(e) && ++refusals >= MAX_REFUSALS) {
                    log.warn("dropping the report {} of deployment {}: {}", report.state(), report.deploymentId(),
                            e.getMessage());
                    refusals = 0;
                    sent(report);
                    continue;
                }
            }
            if (!waitFor(backoff.next())) {
                return;
            }
        }
    }

    /** Outages and refused credentials are not the report's fault: it is kept until they are over. */
    private static boolean refusesTheReport(MurderException e) {
        return switch (e.kind()) {
            case UNAVAILABLE, UNAUTHORIZED, FORBIDDEN -> false;
            default -> true;
        };
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void sent(StateReport report) {
        if (pending.get(report.deploymentId()) == report) {
            pending.remove(report.deploymentId());
        }
        notifyAll();
    }

    /** Waits before a retry; false once closed (pending reports are then left unsent). */
    private synchronized boolean waitFor(Duration delay) {
        if (closed) {
            return false;
        }
        try {
            wait(delay.toMillis());
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    /** Gives pending reports up to {@code grace} to go out, then stops. */
    public void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (!pending.isEmpty() && !link.isDown() && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!pending.isEmpty()) {
                log.warn("stopping with {} unsent state reports (the tracker is unreachable)", pending.size());
            }
            closed = true;
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
