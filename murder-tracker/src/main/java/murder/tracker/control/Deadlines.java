package murder.tracker.control;

import java.time.Duration;
import java.time.Instant;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;

/**
 * The one wording of "this host did not settle in time" and of "a deployer cancelled this", used by the sweeper, by
 * cancel, and for late reports.
 */
final class Deadlines {

    private Deadlines() {
    }

    static boolean isPast(Deployment deployment, Instant now) {
        return deployment.deadline() != null && !now.isBefore(deployment.deadline());
    }

    /** Cancelled or past its deadline: a report that is not final is stored as FAILED from then on. */
    static boolean isOver(Deployment deployment, Instant now) {
        return deployment.cancelled() || isPast(deployment, now);
    }

    /** Why a host that had not settled when the deployment ended is FAILED. */
    static String overReason(Deployment deployment, HostPhase state, int progress) {
        return deployment.cancelled() ? cancelReason(state, progress) : reason(deployment, state, progress);
    }

    static String cancelReason(HostPhase state, int progress) {
        return "cancelled by a deployer in " + state + " at " + progress + "%";
    }

    static String reason(Deployment deployment, HostPhase state, int progress) {
        // the deadline is kept to the millisecond: round, so a 2 s deadline reads "2 s", not "1 s"
        long seconds = Math.round(Duration.between(deployment.createdAt(), deployment.deadline()).toMillis() / 1000.0);
        return "timed out after " + seconds + " s in " + state + " at " + progress + "%";
    }
}
