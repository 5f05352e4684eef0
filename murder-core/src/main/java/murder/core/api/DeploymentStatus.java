package murder.core.api;

import java.util.List;

/**
 * A deployment and the state of each host in it (targets that have not reported yet appear as PENDING).
 *
 * @param swarm the release's BitTorrent swarm as the tracker sees it now; absent in lists and from older trackers
 */
public record DeploymentStatus(Deployment deployment, List<HostState> hosts, SwarmCounts swarm) {

    public DeploymentStatus(Deployment deployment, List<HostState> hosts) {
        this(deployment, hosts, null);
    }

    /** Peers announcing the release: {@code seeds} have all of it (the deploying host among them while it seeds). */
    public record SwarmCounts(int seeds, int leechers) {
    }
}
