package murder.cli.deploy.progress;

import murder.core.api.DeploymentStatus;

/**
 * What an operator watching {@code murder deploy} sees while it waits: fed every poll of the deployment, plus the
 * watcher's own notes (a silent host, a swarm without a seed, a tracker outage). Printed on stderr; the summary at the
 * end goes to stdout and is not the view's.
 */
public interface ProgressView extends AutoCloseable {

    /** The deployment as the tracker has it now. */
    void status(DeploymentStatus status);

    /** A line worth saying once. */
    void note(String line);

    /** Ends the view (a live bar stops redrawing); idempotent. */
    @Override
    void close();
}
