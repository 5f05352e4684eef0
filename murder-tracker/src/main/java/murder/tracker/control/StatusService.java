package murder.tracker.control;

import murder.core.api.TrackerStatus;

/** Everything {@code murder status} shows, in one answer. */
public final class StatusService {

    static final int RECENT_DEPLOYMENTS = 20;

    private final ReleaseService releases;
    private final DeploymentService deployments;
    private final AgentService agents;

    public StatusService(ReleaseService releases, DeploymentService deployments, AgentService agents) {
        this.releases = releases;
        this.deployments = deployments;
        this.agents = agents;
    }

    public TrackerStatus status() {
        return new TrackerStatus(releases.list(), deployments.recent(RECENT_DEPLOYMENTS), agents.list());
    }
}
