package murder.peer.deploy;

import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deployments one after another on its own thread, so there are never two activations at once. A newer
 * deployment cancels the running one (which reports FAILED "superseded by deployment N" unless it is already
 * activating) and replaces any that is waiting. A cancelled deployment is abandoned the same way (FAILED "cancelled by a
 * deployer") and never started; a host that already activated it stays there.
 */
public final class DeployWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeployWorker.class);

    private final Deployer deployer;
    private final ReportSink reports;
    private final Thread thread;
    private DesiredRelease next;
    private DesiredRelease running;
    private Cancellation runningCancel;
    private boolean closed;

    public DeployWorker(Deployer deployer, ReportSink reports) {
        this.deployer = deployer;
        this.reports = reports;
        this.thread = new Thread(this::loop, "murder-agent-deploy");
        this.thread.setDaemon(true);
    }

    public DeployWorker start() {
        thread.start();
        return this;
    }

    /** Hands over the newest desired release; repeated or older news of the same deployment is ignored. */
    public synchronized void submit(DesiredRelease desired) {
        long id = desired.deploymentId();
        if (desired.cancelled()) {
            cancel(desired);
            return;
        }
        if (running != null && running.deploymentId() == id || next != null && next.deploymentId() == id) {
            return;
        }
        if (running != null) {
            runningCancel.supersede(id);
        }
        if (next != null) {
            // never started: tell the tracker why this host will not run it
            reports.report(new StateReport(next.deploymentId(), next.release() == null ? null : next.release().id(),
                    HostPhase.FAILED, 0, "superseded by deployment " + id));
        }
        next = desired;
        notifyAll();
    }

    private void cancel(DesiredRelease desired) {
        long id = desired.deploymentId();
        if (running != null && running.deploymentId() == id) {
            log.info("deployment {}: cancelled by a deployer, abandoning it", id);
            runningCancel.cancelByDeployer();
        } else if (next != null && next.deploymentId() == id) {
            reports.report(new StateReport(id, next.release() == null ? null : next.release().id(), HostPhase.FAILED,
                    0, "cancelled by a deployer before it started here"));
            next = null;
        } else {
            log.info("deployment {}: cancelled by a deployer; not running it", id);
        }
    }

    /** True while a deployment runs or waits (for tests and status). */
    public synchronized boolean isBusy() {
        return running != null || next != null;
    }

    private void loop() {
        while (true) {
            DesiredRelease desired;
            Cancellation cancel;
            synchronized (this) {
                while (next == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                desired = next;
                next = null;
                running = desired;
                runningCancel = cancel = new Cancellation();
            }
            try {
                deployer.deploy(desired, cancel);
            } catch (RuntimeException e) {
                log.error("deployment {}: the deployer failed unexpectedly", desired.deploymentId(), e);
            } finally {
                synchronized (this) {
                    running = null;
                    runningCancel = null;
                    notifyAll();
                }
            }
        }
    }

    /** Interrupts a running deployment where it can be resumed (the download) and waits for the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (runningCancel != null) {
                runningCancel.shutdown();
            }
            notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("the deploy thread did not stop within 30 s");
        }
    }
}
