package murder.cli.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import murder.cli.deploy.DeploySummary.HostResult;
import murder.cli.deploy.progress.HostLines;
import murder.cli.deploy.progress.ProgressView;
import murder.core.MurderException;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostState;
import murder.core.client.TrackerClient;

/**
 * Polls a deployment until every targeted host is ACTIVE, FAILED or REJECTED, or the timeout passes. A host that
 * stops heartbeating is only LOST if it is still silent at the timeout: agents restart and networks blip, and one
 * that comes back and finishes is ACTIVE. Rides out tracker restarts: an unreachable tracker is retried with a
 * jittered backoff (so many deploys do not retry in lockstep), logging one line per outage.
 */
final class DeployWatcher {

    /** The least time between two polls (a tracker that does not hold the long-poll answers at once). */
    static final Duration POLL = Duration.ofMillis(250);
    /**
     * How long the tracker may hold a poll: it answers at once when a host's phase changes, so this only paces the
     * progress shown. Polling every 250 ms instead cost the deploy command and the tracker 0.9 CPU-s more in a
     * 33 s deploy to 8 hosts.
     */
    static final Duration HOLD = Duration.ofSeconds(1);
    /** A host silent this long is called out once (it is waited for until the timeout all the same). */
    static final Duration QUIET_AFTER = Duration.ofSeconds(20);
    /** How long a swarm without a seed goes unmentioned: at the start the seeder has not announced yet. */
    static final Duration NO_SEED_GRACE = Duration.ofSeconds(10);

    private final TrackerClient tracker;
    private final ProgressView view;
    private final LongSupplier nanoTime;
    private final RetryDelay retry = new RetryDelay(POLL, Duration.ofSeconds(5));
    private final Map<String, Long> silentSince = new HashMap<>();
    private final Set<String> calledOut = new HashSet<>();
    private Boolean shownSeeded; // what the last swarm line said; null before the first
    private long noSeedSince = -1;
    private long downSince = -1;
    private int failedPolls;

    DeployWatcher(TrackerClient tracker, ProgressView view) {
        this(tracker, view, System::nanoTime);
    }

    /** One line per host and state change on {@code progress}. */
    DeployWatcher(TrackerClient tracker, PrintStream progress, LongSupplier nanoTime) {
        this(tracker, new HostLines(progress), nanoTime);
    }

    /** {@code nanoTime} is the clock of the timeout and of silences (tests move it by hand). */
    DeployWatcher(TrackerClient tracker, ProgressView view, LongSupplier nanoTime) {
        this.tracker = tracker;
        this.view = view;
        this.nanoTime = nanoTime;
    }

    record Outcome(boolean ok, String message, List<HostResult> hosts) {
    }

    /** Watches to the end; the view is closed when it returns. */
    Outcome watch(Deployment deployment, long startedNanos, Duration timeout) {
        try (view) {
            return watchUntilSettled(deployment, startedNanos, timeout);
        }
    }

    private Outcome watchUntilSettled(Deployment deployment, long startedNanos, Duration timeout) {
        long deadline = startedNanos + timeout.toNanos();
        DeploymentStatus status = null;
        while (true) {
            long polled = System.nanoTime(); // pacing is real time, whatever clock the timeout runs on
            DeploymentStatus latest = poll(deployment.id(), status == null ? null : status.phaseStamp());
            if (latest != null) {
                status = latest;
                show(status);
                if (allSettled(status, deployment.targets())) {
                    return outcome(deployment, status, null);
                }
            }
            if (nanoTime.getAsLong() >= deadline) {
                return outcome(deployment, status, "timed out after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(latest == null ? retry.next().toNanos()
                    : Math.max(0, POLL.toNanos() - (System.nanoTime() - polled)));
        }
    }

    private DeploymentStatus poll(long id, String known) {
        try {
            DeploymentStatus status = tracker.deployment(id, HOLD, known);
            if (downSince >= 0) {
                view.note(String.format("tracker is reachable again after %d s (%d failed attempts)",
                        Duration.ofNanos(nanoTime.getAsLong() - downSince).toSeconds(), failedPolls));
                downSince = -1;
                failedPolls = 0;
                retry.reset();
            }
            return status;
        } catch (MurderException e) {
            if (e.kind() != MurderException.Kind.UNAVAILABLE) {
                throw e;
            }
            failedPolls++;
            if (downSince < 0) {
                view.note("tracker unreachable, retrying until the timeout: " + e.getMessage());
                downSince = nanoTime.getAsLong();
            }
            return null;
        }
    }

    private static boolean allSettled(DeploymentStatus status, List<String> targets) {
        Map<String, HostState> byHost = byHost(status);
        for (String host : targets) {
            HostState state = byHost.get(host);
            if (state == null || !state.state().isTerminal()) {
                return false;
            }
        }
        return true;
    }

    /** Tracks how long each unsettled host has been silent; says so once when it passes {@link #QUIET_AFTER}. */
    private void trackSilence(HostState state) {
        if (state.alive() || state.state().isTerminal()) {
            silentSince.remove(state.host());
            calledOut.remove(state.host());
            return;
        }
        long since = silentSince.computeIfAbsent(state.host(), h -> nanoTime.getAsLong());
        if (nanoTime.getAsLong() - since >= QUIET_AFTER.toNanos() && calledOut.add(state.host())) {
            view.note(String.format("  %-24s not heartbeating for %d s while %s; waiting for it until the timeout",
                    state.host(), QUIET_AFTER.toSeconds(), state.state()));
        }
    }

    private void show(DeploymentStatus status) {
        view.status(status);
        status.hosts().forEach(this::trackSilence);
        showSwarm(status.swarm());
    }

    /** Says when the swarm gains or loses its last seed; no seed only once it lasted {@link #NO_SEED_GRACE}. */
    private void showSwarm(DeploymentStatus.SwarmCounts swarm) {
        if (swarm == null) {
            return;
        }
        boolean seeded = swarm.seeds() > 0;
        long now = nanoTime.getAsLong();
        noSeedSince = seeded ? -1 : noSeedSince < 0 ? now : noSeedSince;
        boolean due = seeded || now - noSeedSince >= NO_SEED_GRACE.toNanos();
        if (due && !Boolean.valueOf(seeded).equals(shownSeeded)) {
            view.note(String.format("  swarm: %d seed(s), %d downloading%s", swarm.seeds(), swarm.leechers(),
                    seeded ? "" : " (no complete copy is being announced: is the seeder up?)"));
            shownSeeded = seeded;
        }
    }

    /** The outcome as {@code status} has it; hosts not settled are described with {@code timeoutMessage}. */
    Outcome outcome(Deployment deployment, DeploymentStatus status, String timeoutMessage) {
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

    private static HostResult result(Instant start, String host, HostState state, String timeoutMessage) {
        if (state == null) {
            return new HostResult(host, "UNKNOWN", 0, "no report from the tracker");
        }
        double seconds = state.updatedAt() == null ? 0
                : Math.max(0, Duration.between(start, state.updatedAt()).toMillis() / 1000.0);
        if (state.state().isTerminal()) {
            return new HostResult(host, state.state().name(), seconds, state.reason());
        }
        // only reached at the timeout: a host silent then never came back in time
        if (!state.alive()) {
            return new HostResult(host, "LOST", seconds, "agent stopped heartbeating while " + state.state()
                    + " at " + state.progress() + "% and did not come back before the timeout");
        }
        return new HostResult(host, state.state().name(), seconds,
                (timeoutMessage == null ? "not finished" : timeoutMessage) + " while " + state.state()
                        + " at " + state.progress() + "%");
    }

    private static Map<String, HostState> byHost(DeploymentStatus status) {
        Map<String, HostState> byHost = new HashMap<>();
        status.hosts().forEach(h -> byHost.put(h.host(), h));
        return byHost;
    }
}
