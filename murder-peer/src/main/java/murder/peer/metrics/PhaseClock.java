package murder.peer.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;

/**
 * Follows the state reports of this agent's deployments: the current phase and progress of the newest few, how long
 * the last download, verify-and-unpack and activation took, and how many deployments ended in each final phase.
 * The deployer reports VERIFYING before it checks the tarball's sha256 and STAGED once it is unpacked, so those two
 * steps are measured together.
 */
final class PhaseClock {

    /** Deployments whose state is kept (one series each): the newest ones, bounded like the tracker's status. */
    static final int KEPT = 5;

    /** One deployment's latest report, and since when it is in that phase. */
    record Tracked(long deploymentId, String release, HostPhase phase, int progress, long sinceNanos) {
    }

    /** The step whose duration is kept: from the phase it starts in to the one that ends it. */
    enum Step {
        DOWNLOAD(HostPhase.DOWNLOADING, HostPhase.VERIFYING),
        VERIFY_AND_UNPACK(HostPhase.VERIFYING, HostPhase.STAGED),
        ACTIVATION(HostPhase.ACTIVATING, HostPhase.ACTIVE);

        final HostPhase from;
        final HostPhase to;

        Step(HostPhase from, HostPhase to) {
            this.from = from;
            this.to = to;
        }
    }

    private final LongSupplier nanos;
    private final Map<Long, Tracked> deployments = new LinkedHashMap<>();
    private final Map<Step, Double> lastSeconds = new EnumMap<>(Step.class);
    private final Map<HostPhase, Long> ended = new EnumMap<>(HostPhase.class);

    PhaseClock(LongSupplier nanos) {
        this.nanos = nanos;
    }

    synchronized void report(StateReport report) {
        if (report == null || report.state() == null) {
            return;
        }
        long now = nanos.getAsLong();
        Tracked before = deployments.remove(report.deploymentId()); // re-inserted: the newest goes to the back
        boolean changed = before == null || before.phase() != report.state();
        long since = changed ? now : before.sinceNanos();
        String release = report.release() != null ? report.release() : before == null ? null : before.release();
        deployments.put(report.deploymentId(), new Tracked(report.deploymentId(), release, report.state(),
                report.progress(), since));
        while (deployments.size() > KEPT) {
            deployments.remove(deployments.keySet().iterator().next());
        }
        if (!changed) {
            return;
        }
        if (before != null) {
            for (Step step : Step.values()) {
                if (before.phase() == step.from && report.state() == step.to) {
                    lastSeconds.put(step, (now - before.sinceNanos()) / 1e9);
                }
            }
        }
        if (report.state().isTerminal()) {
            ended.merge(report.state(), 1L, Long::sum);
        }
    }

    synchronized List<Tracked> deployments() {
        return List.copyOf(deployments.values());
    }

    synchronized Optional<Double> lastSeconds(Step step) {
        return Optional.ofNullable(lastSeconds.get(step));
    }

    synchronized long ended(HostPhase phase) {
        return ended.getOrDefault(phase, 0L);
    }
}
