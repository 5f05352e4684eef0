package murder.cli.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import murder.cli.deploy.DeploySummary.HostResult;
import murder.core.MurderException;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.core.client.TrackerClient;

/**
 * Polls a deployment until every targeted host is ACTIVE, FAILED, REJECTED or lost (stopped heartbeating for
 * {@link #LOST_AFTER}), or the timeout passes. Rides out tracker restarts: an unreachable tracker is retried.
 */
final class DeployWatcher {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration LOST_AFTER = Duration.ofSeconds(20);

    private final TrackerClient tracker;
    private final PrintStream progress;
    private final Map<String, String> lastShown = new HashMap<>();
    private final Map<String, Long> deadSince = new HashMap<>();
    private boolean trackerDown;

    DeployWatcher(TrackerClient tracker, PrintStream progress) {
        this.tracker = tracker;
        this.progress = progress;
    }

    record Outcome(boolean ok, String message, List<HostResult> hosts) {
    }

    Outcome watch(Deployment deployment, long startedNanos, Duration timeout) {
        long deadline = startedNanos + timeout.toNanos();
        DeploymentStatus status = null;
        while (true) {
            DeploymentStatus latest = poll(deployment.id());
            if (latest != null) {
                status = latest;
                show(status);
                if (allSettled(status, deployment.targets())) {
                    return outcome(deployment, status, null);
                }
            }
            if (System.nanoTime() >= deadline) {
                return outcome(deployment, status, "timed out after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private DeploymentStatus poll(long id) {
        try {
            DeploymentStatus status = tracker.deployment(id);
            if (trackerDown) {
                progress.println("tracker is reachable again");
                trackerDown = false;
            }
            return status;
        } catch (MurderException e) {
            if (e.kind() != MurderException.Kind.UNAVAILABLE) {
                throw e;
            }
            if (!trackerDown) {
                progress.println("tracker unreachable, retrying until the timeout: " + e.getMessage());
                trackerDown = true;
            }
            return null;
        }
    }

    private boolean allSettled(DeploymentStatus status, List<String> targets) {
        Map<String, HostState> byHost = byHost(status);
        for (String host : targets) {
            HostState state = byHost.get(host);
            if (state == null || !(state.state().isTerminal() || isLost(state))) {
                return false;
            }
        }
        return true;
    }

    private boolean isLost(HostState state) {
        if (state.alive() || state.state().isTerminal()) {
            deadSince.remove(state.host());
            return false;
        }
        long since = deadSince.computeIfAbsent(state.host(), h -> System.nanoTime());
        return System.nanoTime() - since >= LOST_AFTER.toNanos();
    }

    private void show(DeploymentStatus status) {
        for (HostState state : status.hosts()) {
            String shown = state.state() == HostPhase.DOWNLOADING
                    ? "DOWNLOADING " + (state.progress() / 25 * 25) + "%" : state.state().name();
            if (!shown.equals(lastShown.put(state.host(), shown))) {
                progress.printf("  %-24s %s%s%n", state.host(), shown,
                        state.reason() == null ? "" : ": " + state.reason());
            }
        }
    }

    private Outcome outcome(Deployment deployment, DeploymentStatus status, String timeoutMessage) {
        Map<String, HostState> byHost = status == null ? Map.of() : byHost(status);
        List<HostResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String host : deployment.targets()) {
            HostState state = byHost.get(host);
            HostResult result = result(deployment.createdAt(), host, state, timeoutMessage);
            results.add(result);
            if (!result.state().equals("ACTIVE")) {
                failed.add(host);
            }
        }
        if (failed.isEmpty()) {
            return new Outcome(true, "all " + results.size() + " host(s) ACTIVE", results);
        }
        String why = timeoutMessage == null ? "" : timeoutMessage + "; ";
        return new Outcome(false, why + failed.size() + " of " + results.size() + " host(s) not ACTIVE: "
                + String.join(", ", failed), results);
    }

    private HostResult result(Instant start, String host, HostState state, String timeoutMessage) {
        if (state == null) {
            return new HostResult(host, "UNKNOWN", 0, "no report from the tracker");
        }
        double seconds = state.updatedAt() == null ? 0
                : Math.max(0, Duration.between(start, state.updatedAt()).toMillis() / 1000.0);
        if (state.state().isTerminal()) {
            return new HostResult(host, state.state().name(), seconds, state.reason());
        }
        if (isLost(state)) {
            return new HostResult(host, "LOST", seconds, "agent stopped heartbeating while " + state.state());
        }
        return new HostResult(host, state.state().name(), seconds,
                (timeoutMessage == null ? "not finished" : timeoutMessage) + " while " + state.state());
    }

    private static Map<String, HostState> byHost(DeploymentStatus status) {
        Map<String, HostState> byHost = new HashMap<>();
        status.hosts().forEach(h -> byHost.put(h.host(), h));
        return byHost;
    }
}
