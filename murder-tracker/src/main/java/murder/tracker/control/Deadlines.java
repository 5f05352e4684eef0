package murder.tracker.control;

import java.time.Duration;
import java.time.Instant;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;

/** The one wording of "this host did not settle in time", used by the sweeper and for late reports. */
final class Deadlines {

    private Deadlines() {
    }

    static boolean isPast(Deployment deployment, Instant now) {
        return deployment.deadline() != null && !now.isBefore(deployment.deadline());
    }

    static String reason(Deployment deployment, HostPhase state, int progress) {
        // the deadline is kept to the millisecond: round, so a 2 s deadline reads "2 s", not "1 s"
        long seconds = Math.round(Duration.between(deployment.createdAt(), deployment.deadline()).toMillis() / 1000.0);
        return "timed out after " + seconds + " s in " + state + " at " + progress + "%";
    }
}
