package murder.tracker.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.Names;
import murder.core.api.CreateDeployment;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.DeploymentStatus.SwarmCounts;
import murder.tracker.store.DeploymentStore;
import murder.tracker.store.HostStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating deployments and reading their per-host status. */
public final class DeploymentService {

    private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);
    /** A week: a longer deadline is a typo, and would keep hosts "running" in every status for as long. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    private final DeploymentStore deployments;
    private final HostStateStore hostStates;
    private final ReleaseService releases;
    private final AgentService agents;
    private final DesiredService desired;
    private final Clock clock;
    private final Duration defaultTimeout;
    private final Function<String, SwarmCounts> swarms;
    private final DeploymentChanges changes = new DeploymentChanges();

    /**
     * @param defaultTimeout the deadline of deployments whose request names none
     * @param swarms         the announce swarm's counts for an info-hash, from memory
     */
    public DeploymentService(DeploymentStore deployments, HostStateStore hostStates, ReleaseService releases,
                             AgentService agents, DesiredService desired, Clock clock, Duration defaultTimeout,
                             Function<String, SwarmCounts> swarms) {
        this.deployments = deployments;
        this.hostStates = hostStates;
        this.releases = releases;
        this.agents = agents;
        this.desired = desired;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
        this.swarms = swarms;
    }

    /** Targets are the agents that are alive and have the tag now; with none, nothing would ever happen: 409. */
    public Deployment create(CreateDeployment request) {
        if (request == null) {
            throw MurderException.badInput("a deployment needs a release and a tag");
        }
        // names first: a malformed request is a 400 even when the release is also unknown
        Names.requireReleaseId(request.release());
        String tag = Names.requireTag(request.tag());
        SignatureShape.requireWellFormed(request.signature());
        Duration timeout = timeout(request.timeoutSeconds());
        String release = releases.get(request.release()).id();
        List<String> targets = agents.liveHostsWithTag(tag);
        if (targets.isEmpty()) {
            throw new MurderException(Kind.CONFLICT, "no live agent has tag " + tag + "; start agents with --tags "
                    + tag + " or check `murder status`");
        }
        Instant now = clock.instant();
        Deployment deployment = deployments.insert(release, tag, now, targets, request.signature(), now.plus(timeout));
        log.info("deployment {} created: release {} to tag {} ({} targets: {}; {}; deadline in {} s)",
                deployment.id(), release, tag, targets.size(), String.join(", ", targets),
                request.signature() == null ? "unsigned" : "signed", timeout.toSeconds());
        desired.deploymentCreated(deployment);
        return deployment;
    }

    /**
     * Stops a deployment: every target (and any other host that reported) not yet ACTIVE, FAILED or REJECTED becomes
     * FAILED "cancelled by a deployer", and agents are told to abandon it. Hosts that activated stay on it: a cancel
     * is not a rollback. Cancelling a cancelled deployment changes nothing.
     */
    public DeploymentStatus cancel(long id) {
        Deployment deployment = get(id);
        Instant now = clock.instant();
        if (deployments.markCancelled(id, now)) {
            Deployment cancelled = deployment.withCancelledAt(now);
            int stopped = hostStates.failAllUnsettled(deployment, Deadlines::cancelReason, now).size();
            log.info("deployment {} cancelled: {} host(s) had not settled and are FAILED", id, stopped);
            desired.deploymentCancelled(cancelled);
            changes.changed(id);
        }
        return status(id);
    }

    /**
     * Runs {@code onChange} once, at the next phase change of a host in the deployment (a report) or its cancel;
     * the returned handle forgets it. Deadlines the sweeper enforces do not wake it: the watcher's timeout does.
     */
    public Runnable watch(long id, Runnable onChange) {
        return changes.watch(id, onChange);
    }

    /** A host's phase in the deployment changed. */
    void changed(long id) {
        changes.changed(id);
    }

    public Deployment get(long id) {
        return deployments.find(id).orElseThrow(() -> new MurderException(Kind.NOT_FOUND, "unknown deployment " + id
                + ": see `murder status` for recent deployments"));
    }

    /** One deployment with its hosts and, from memory, how many peers of its release's swarm are seeds. */
    public DeploymentStatus status(long id) {
        Deployment deployment = get(id);
        DeploymentStatus status = status(deployment);
        SwarmCounts swarm = swarms.apply(releases.get(deployment.release()).infoHash());
        return new DeploymentStatus(status.deployment(), status.hosts(), swarm);
    }

    private Duration timeout(Long seconds) {
        if (seconds == null) {
            return defaultTimeout;
        }
        if (seconds < 1 || seconds > MAX_TIMEOUT.toSeconds()) {
            throw MurderException.badInput("timeoutSeconds must be 1.." + MAX_TIMEOUT.toSeconds() + ", got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** The newest deployments first, with their host states. */
    public List<DeploymentStatus> recent(int limit) {
        var agentList = agents.list();
        return deployments.recent(limit).stream()
                .map(d -> HostStates.status(d, hostStates.forDeployment(d.id()), agentList))
                .toList();
    }

    private DeploymentStatus status(Deployment deployment) {
        return HostStates.status(deployment, hostStates.forDeployment(deployment.id()), agents.list());
    }
}
