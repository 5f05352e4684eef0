package murder.tracker.control;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import murder.core.api.AgentInfo;
import murder.core.api.Deployment;
import murder.core.api.DesiredRelease;
import murder.tracker.store.DeploymentStore;

/**
 * What each agent should run: the newest deployment for any of its tags. Agents long-poll for it; a waiting
 * poll is a future that {@link #deploymentCreated} completes, so no thread is held while agents wait.
 * Timeouts and disconnects are the caller's: it completes or cancels the future, which unregisters it.
 */
public final class DesiredService {

    /** {@code knownCancelled}: the agent already knows deployment {@code known} is cancelled. */
    private record Waiter(List<String> tags, long known, boolean knownCancelled,
                          CompletableFuture<Optional<DesiredRelease>> future) {
    }

    private final AgentService agents;
    private final DeploymentStore deployments;
    private final ReleaseService releases;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    public DesiredService(AgentService agents, DeploymentStore deployments, ReleaseService releases) {
        this.agents = agents;
        this.deployments = deployments;
        this.releases = releases;
    }

    /** The newest deployment for the agent's tags if its id differs from {@code known}. NOT_FOUND for unknown agents. */
    public Optional<DesiredRelease> current(String host, long known) {
        return newest(agents.require(host).tags(), known, false);
    }

    /**
     * A future of the desired release: already complete if there is one now, else completed when a matching
     * deployment is created. Completing or cancelling it from outside (timeout, closed connection) unregisters it.
     */
    public CompletableFuture<Optional<DesiredRelease>> await(String host, long known) {
        return await(host, known, false);
    }

    /** As {@link #await(String, long)}; also answers when {@code known} gets cancelled, unless the agent knows it. */
    public CompletableFuture<Optional<DesiredRelease>> await(String host, long known, boolean knownCancelled) {
        AgentInfo agent = agents.require(host);
        Waiter waiter = new Waiter(agent.tags(), known, knownCancelled, new CompletableFuture<>());
        waiter.future().whenComplete((r, e) -> waiters.remove(waiter));
        // register before looking, so a deployment created in between is seen by one of the two
        waiters.add(waiter);
        newest(agent.tags(), known, knownCancelled).ifPresent(d -> waiter.future().complete(Optional.of(d)));
        return waiter.future();
    }

    /** Wakes the polls of agents that have the new deployment's tag. */
    public void deploymentCreated(Deployment deployment) {
        DesiredRelease desired = null;
        for (Waiter waiter : waiters) {
            if (waiter.tags().contains(deployment.tag()) && waiter.known() != deployment.id()) {
                if (desired == null) {
                    desired = desired(deployment);
                }
                waiter.future().complete(Optional.of(desired));
            }
        }
    }

    /** Wakes the polls of agents working on the cancelled deployment, so they abandon it now. */
    public void deploymentCancelled(Deployment deployment) {
        DesiredRelease desired = null;
        for (Waiter waiter : waiters) {
            if (waiter.known() == deployment.id() && !waiter.knownCancelled()) {
                if (desired == null) {
                    desired = desired(deployment);
                }
                waiter.future().complete(Optional.of(desired));
            }
        }
    }

    /** How many polls are waiting now. */
    public int waiting() {
        return waiters.size();
    }

    private Optional<DesiredRelease> newest(List<String> tags, long known, boolean knownCancelled) {
        return deployments.newestForTags(tags)
                .filter(d -> d.id() != known || d.cancelled() && !knownCancelled)
                .map(this::desired);
    }

    /** The signature goes out exactly as the release host posted it: the agents, not the tracker, judge it. */
    private DesiredRelease desired(Deployment deployment) {
        return new DesiredRelease(deployment.id(), releases.get(deployment.release()), deployment.signature(),
                deployment.cancelled());
    }
}
