package murder.tracker.control;

import java.time.Clock;
import java.time.Instant;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.tracker.store.HostStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State reports of agents: the latest one per host and deployment is kept; phase changes are logged. A report is a
 * sign of life, like a heartbeat: agents skip a heartbeat after a report.
 */
public final class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);
    static final int MAX_REASON = 4000;

    private final HostStateStore hostStates;
    private final DeploymentService deployments;
    private final AgentService agents;
    private final Clock clock;

    public ReportService(HostStateStore hostStates, DeploymentService deployments, AgentService agents, Clock clock) {
        this.hostStates = hostStates;
        this.deployments = deployments;
        this.agents = agents;
        this.clock = clock;
    }

    public void report(String host, StateReport report) {
        Names.requireHost(host);
        if (report == null || report.state() == null) {
            throw MurderException.badInput("report of " + host + " has no state");
        }
        if (report.progress() < 0 || report.progress() > 100) {
            throw MurderException.badInput("report of " + host + " has progress " + report.progress() + ", not 0..100");
        }
        if (report.reason() != null && report.reason().length() > MAX_REASON) {
            throw MurderException.badInput("report of " + host + " has a reason longer than " + MAX_REASON + " chars");
        }
        Deployment deployment = deployments.get(report.deploymentId());
        if (report.release() != null && !report.release().equals(deployment.release())) {
            throw MurderException.badInput("report of " + host + " names release " + report.release()
                    + " but deployment " + deployment.id() + " is of release " + deployment.release());
        }
        Instant now = clock.instant();
        HostPhase state = report.state();
        String reason = report.reason();
        if (!state.isTerminal() && Deadlines.isOver(deployment, now)) {
            // a deadline or a cancel is final: a late "still working" does not reopen the host in every status
            reason = Deadlines.overReason(deployment, state, report.progress());
            state = HostPhase.FAILED;
        }
        var previous = hostStates.put(new HostStateStore.Row(deployment.id(), host, state, report.progress(),
                reason, now));
        agents.seen(host);
        // one INFO line per phase change tells the story of a deploy; progress ticks are DEBUG
        boolean changed = previous.isEmpty() || previous.get().state() != state;
        if (changed) {
            deployments.changed(deployment.id());
            log.info("deployment {} host {}: {} {}%{}", deployment.id(), host, state, report.progress(),
                    reason == null ? "" : " (" + reason + ")");
        } else {
            log.debug("deployment {} host {}: {} {}%", deployment.id(), host, state, report.progress());
        }
    }
}
