package murder.cli.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import murder.cli.deploy.DeployRequest.OnInterrupt;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.client.TrackerClient;

/**
 * SIGINT/SIGTERM while {@code murder deploy} creates and watches its deployment: a shutdown hook cancels the
 * deployment (or leaves it running, as {@code --on-interrupt} says) and prints the summary so far. It is installed
 * before the deployment is created, and a signal that arrives while the creation is in flight waits for its answer,
 * so no deployment created by this process is left running unseen. The summary is printed once, by whichever of
 * the hook and the normal end comes first. Every wait here is bounded: a shutdown must not hang on a tracker that is
 * down.
 */
final class DeployInterrupt implements AutoCloseable {

    static final Duration TRACKER_WAIT = Duration.ofSeconds(10);

    private final TrackerClient tracker;
    private final OnInterrupt action;
    private final PrintStream progress;
    private final BiFunction<Deployment, DeploymentStatus, DeploySummary> summarize;
    private final Consumer<DeploySummary> print;
    private final AtomicBoolean printed = new AtomicBoolean();
    private final AtomicReference<Deployment> created = new AtomicReference<>();
    private final CountDownLatch creationEnded = new CountDownLatch(1);
    private final Thread hook = new Thread(this::interrupted, "murder-deploy-interrupt");

    /**
     * @param summarize the summary of the deployment as it stands (status may be null if the tracker did not answer)
     * @param print     prints a summary (text or JSON)
     */
    DeployInterrupt(TrackerClient tracker, OnInterrupt action, PrintStream progress,
                    BiFunction<Deployment, DeploymentStatus, DeploySummary> summarize, Consumer<DeploySummary> print) {
        this.tracker = tracker;
        this.action = action;
        this.progress = progress;
        this.summarize = summarize;
        this.print = print;
    }

    DeployInterrupt install() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** The tracker created the deployment: from now on an interrupt cancels (or leaves) it. */
    void created(Deployment deployment) {
        created.set(deployment);
    }

    /** The request that creates the deployment has ended, answered or not. */
    void creationEnded() {
        creationEnded.countDown();
    }

    /** The normal end: prints the summary unless the hook already did. */
    void settled(DeploySummary summary) {
        if (printed.compareAndSet(false, true)) {
            print.accept(summary);
        }
    }

    private void interrupted() {
        if (!printed.compareAndSet(false, true)) {
            return;
        }
        try {
            creationEnded.await(TRACKER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Deployment deployment = created.get();
        if (deployment == null) {
            progress.println("interrupted before the tracker created a deployment: nothing to cancel");
            return;
        }
        DeploymentStatus status = null;
        if (action == OnInterrupt.CANCEL) {
            progress.printf("interrupted: cancelling deployment %d%n", deployment.id());
            status = bounded(deployment, () -> tracker.cancelDeployment(deployment.id()), "cancel");
        } else {
            progress.printf("interrupted: leaving deployment %d to run until its deadline %s (without this seeder)%n",
                    deployment.id(), deployment.deadline());
            status = bounded(deployment, () -> tracker.deployment(deployment.id()), "read");
        }
        print.accept(summarize.apply(deployment, status));
    }

    private DeploymentStatus bounded(Deployment deployment, java.util.function.Supplier<DeploymentStatus> call,
                                     String what) {
        try {
            return CompletableFuture.supplyAsync(call).get(TRACKER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            progress.printf("could not %s deployment %d on the tracker (%s); its deadline %s ends it there%n", what,
                    deployment.id(), cause.getMessage() == null ? cause : cause.getMessage(), deployment.deadline());
            return null;
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs, or ran
        }
    }
}
