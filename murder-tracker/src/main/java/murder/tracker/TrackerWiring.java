package murder.tracker;

import java.time.Clock;
import murder.core.api.DeploymentStatus.SwarmCounts;
import murder.tracker.announce.AnnounceService;
import murder.tracker.announce.PeerStore;
import murder.tracker.control.AgentService;
import murder.tracker.control.DeploymentService;
import murder.tracker.control.DesiredService;
import murder.tracker.control.HealthService;
import murder.tracker.control.ReleaseService;
import murder.tracker.control.ReportService;
import murder.tracker.control.StatusService;
import murder.tracker.control.Sweeper;
import murder.tracker.http.Router;
import murder.tracker.store.TrackerStore;

/** Builds the services on top of a store by hand: the daemon uses it, and so do socket-free tests. */
public final class TrackerWiring {

    private TrackerWiring() {
    }

    public static Router.Services services(TrackerStore store, TrackerConfig config, Clock clock) {
        ReleaseService releases = new ReleaseService(store.releases(), clock);
        AgentService agents = new AgentService(store.agents(), clock, config.agentTimeout());
        DesiredService desired = new DesiredService(agents, store.deployments(), releases);
        PeerStore peers = new PeerStore(clock, config.peerTimeout());
        DeploymentService deployments = new DeploymentService(store.deployments(), store.hostStates(), releases,
                agents, desired, clock, config.deploymentTimeout(), infoHash -> {
                    PeerStore.Counts counts = peers.counts(infoHash);
                    return new SwarmCounts(counts.complete(), counts.incomplete());
                });
        ReportService reports = new ReportService(store.hostStates(), deployments, agents, clock);
        StatusService status = new StatusService(releases, deployments, agents);
        AnnounceService announce = new AnnounceService(peers,
                releases::isTracked, config.announceInterval(), config.trustPeerIp());
        HealthService health = new HealthService(store::ping, clock);
        return new Router.Services(announce, releases, deployments, agents, desired, reports, status, health);
    }

    /** Deadlines, agent expiry and pruning; the daemon runs it every few seconds. */
    public static Sweeper sweeper(TrackerStore store, Router.Services services, TrackerConfig config, Clock clock) {
        return new Sweeper(store.deployments(), store.hostStates(), services.agents(), clock, config.agentExpiry(),
                config.keepDeployments());
    }
}
