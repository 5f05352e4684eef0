package murder.tracker.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import murder.core.api.Deployment;
import murder.tracker.store.DeploymentStore;
import murder.tracker.store.HostStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's housekeeping, run every few seconds by the daemon: hosts still unsettled after their deployment's
 * deadline become FAILED (so no deployment runs forever), and, once a minute, agents not seen for the expiry
 * are deregistered and deployments beyond the newest {@code keepPerTag} of their tag are deleted. Every pass does a
 * bounded amount of work; what is left waits for the next one.
 */
public final class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    /** Deployments settled per pass, and deployments deleted per pass. */
    static final int BATCH = 100;
    static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);

    private final DeploymentStore deployments;
    private final HostStateStore hostStates;
    private final AgentService agents;
    private final Clock clock;
    private final Duration agentExpiry;
    private final int keepPerTag;
    private Instant lastHousekeeping;

    public Sweeper(DeploymentStore deployments, HostStateStore hostStates, AgentService agents, Clock clock,
                   Duration agentExpiry, int keepPerTag) {
        this.deployments = deployments;
        this.hostStates = hostStates;
        this.agents = agents;
        this.clock = clock;
        this.agentExpiry = agentExpiry;
        this.keepPerTag = keepPerTag;
    }

    /**
     * One pass: agents' last-seen times are written and deadlines checked always, expiry and pruning when a minute
     * has passed since the last time.
     */
    public synchronized void sweep() {
        Instant now = clock.instant();
        agents.flushLastSeen();
        sweepDeadlines(now);
        if (lastHousekeeping == null || !now.isBefore(lastHousekeeping.plus(HOUSEKEEPING_EVERY))) {
            lastHousekeeping = now;
            expireAgents(now);
            pruneDeployments();
        }
    }

    /** @return how many hosts were marked FAILED */
    int sweepDeadlines(Instant now) {
        int failed = 0;
        for (Deployment deployment : deployments.due(now, BATCH)) {
            for (HostStateStore.Row row : hostStates.failAllUnsettled(deployment,
                    (state, progress) -> Deadlines.reason(deployment, state, progress), now)) {
                failed++;
                log.warn("deployment {} host {}: FAILED ({})", deployment.id(), row.host(), row.reason());
            }
            deployments.markSwept(deployment.id());
        }
        return failed;
    }

    List<String> expireAgents(Instant now) {
        List<String> removed = agents.expire(now.minus(agentExpiry));
        if (!removed.isEmpty()) {
            log.info("deregistered {} agent(s) not seen for {}: {}", removed.size(), agentExpiry,
                    String.join(", ", removed.size() > 20 ? removed.subList(0, 20) : removed));
        }
        return removed;
    }

    int pruneDeployments() {
        int deleted = deployments.prune(keepPerTag, BATCH);
        if (deleted > 0) {
            log.info("deleted {} old deployment(s), keeping the newest {} per tag", deleted, keepPerTag);
        }
        return deleted;
    }
}
