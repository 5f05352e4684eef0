package murder.tracker.control;

import java.time.Clock;
import java.util.List;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.Names;
import murder.core.api.CreateDeployment;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.tracker.store.DeploymentStore;
import murder.tracker.store.HostStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating deployments and reading their per-host status. */
public final class DeploymentService {

    private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);

    private final DeploymentStore deployments;
    private final HostStateStore hostStates;
    private final ReleaseService releases;
    private final AgentService agents;
    private final DesiredService desired;
    private final Clock clock;

    public DeploymentService(DeploymentStore deployments, HostStateStore hostStates, ReleaseService releases,
                             AgentService agents, DesiredService desired, Clock clock) {
        this.deployments = deployments;
        this.hostStates = hostStates;
        this.releases = releases;
        this.agents = agents;
        this.desired = desired;
        this.clock = clock;
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
        String release = releases.get(request.release()).id();
        List<String> targets = agents.liveHostsWithTag(tag);
        if (targets.isEmpty()) {
            throw new MurderException(Kind.CONFLICT, "no live agent has tag " + tag + "; start agents with --tags "
                    + tag + " or check `murder status`");
        }
        Deployment deployment = deployments.insert(release, tag, clock.instant(), targets, request.signature());
        log.info("deployment {} created: release {} to tag {} ({} targets: {}), {}", deployment.id(), release, tag,
                targets.size(), String.join(", ", targets), request.signature() == null ? "unsigned" : "signed");
        desired.deploymentCreated(deployment);
        return deployment;
    }

    public Deployment get(long id) {
        return deployments.find(id).orElseThrow(() -> new MurderException(Kind.NOT_FOUND, "unknown deployment " + id
                + ": see `murder status` for recent deployments"));
    }

    public DeploymentStatus status(long id) {
        return status(get(id));
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
