package murder.core.api;

import java.util.Comparator;
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

    /**
     * A short mark of the hosts' phases and of a cancel (not of progress): the status long-poll answers at once when
     * the asker's mark differs from the tracker's, so a change between two polls is not missed.
     */
    public String phaseStamp() {
        StringBuilder marks = new StringBuilder(deployment.cancelledAt() == null ? "-" : "cancelled");
        hosts.stream().sorted(Comparator.comparing(HostState::host))
                .forEach(h -> marks.append(';').append(h.host()).append('=').append(h.state()));
        return Integer.toHexString(marks.toString().hashCode());
    }

    /** Peers announcing the release: {@code seeds} have all of it (the deploying host among them while it seeds). */
    public record SwarmCounts(int seeds, int leechers) {
    }
}
