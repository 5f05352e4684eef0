package murder.cli.deploy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries of an unreachable tracker: doubling from {@code first} up to {@code cap}, each drawn at
 * random from the upper half of its step, so deploys that lost the same tracker do not all come back at once.
 */
final class RetryDelay {

    private final Duration first;
    private final Duration cap;
    private Duration step;

    RetryDelay(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.step = first;
    }

    Duration next() {
        long ms = step.toMillis();
        step = step.multipliedBy(2).compareTo(cap) > 0 ? cap : step.multipliedBy(2);
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    void reset() {
        step = first;
    }
}
