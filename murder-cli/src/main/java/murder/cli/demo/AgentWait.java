package murder.cli.demo;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import murder.core.MurderException;
import murder.core.api.AgentInfo;
import murder.core.client.TrackerClient;

/** Waits (bounded) until the tracker sees a number of live agents (asking for the agents only, not the status). */
public final class AgentWait {

    private AgentWait() {
    }

    public static void untilAlive(TrackerClient tracker, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long alive = 0;
        while (System.nanoTime() < deadline) {
            alive = tracker.agents().stream().filter(AgentInfo::alive).count();
            if (alive >= count) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new MurderException(MurderException.Kind.FAILED, "only " + alive + " of " + count
                + " agents registered with the tracker within " + timeout.toSeconds() + " s");
    }
}
