package murder.peer.tracker;

import java.time.Duration;

/** Retry delays doubling from 100 ms up to a 2 s cap, so a returning tracker is noticed within 2 s. */
public final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    public static final Duration CAP = Duration.ofSeconds(2);

    private Duration next = FIRST;

    public Duration next() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(CAP) > 0 ? CAP : next.multipliedBy(2);
        return current;
    }

    public void reset() {
        next = FIRST;
    }
}
