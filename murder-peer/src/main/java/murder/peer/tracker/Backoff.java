package murder.peer.tracker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry delays doubling from 100 ms up to a 2 s cap, so a returning tracker is noticed within 2 s. Each delay is
 * drawn at random from the upper half of its step: thousands of agents that lost the same tracker then spread
 * their retries instead of hitting it in lockstep the moment it is back.
 */
public final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    public static final Duration CAP = Duration.ofSeconds(2);

    private Duration next = FIRST;

    public Duration next() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(CAP) > 0 ? CAP : next.multipliedBy(2);
        long ms = current.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    public void reset() {
        next = FIRST;
    }
}
