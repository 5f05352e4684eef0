package murder.peer.swarm;

import java.time.Duration;
import java.util.Optional;
import murder.core.bt.SwarmProgress;

/**
 * Tells a download that is going nowhere from a slow one: it has stalled once neither verified pieces nor received
 * bytes grew for {@code timeout}. A seeder that died leaves agents at the same percentage forever otherwise.
 */
final class StallWatch {

    private final Duration timeout;
    private int pieces = -1;
    private long received = -1;
    private long lastChangeNanos;

    StallWatch(Duration timeout, long nowNanos) {
        this.timeout = timeout;
        this.lastChangeNanos = nowNanos;
    }

    /** The reason to give up, once the download has made no progress for the timeout. */
    Optional<String> check(SwarmProgress progress, long nowNanos) {
        if (progress.piecesComplete() != pieces || progress.downloaded() > received) {
            pieces = progress.piecesComplete();
            received = Math.max(received, progress.downloaded());
            lastChangeNanos = nowNanos;
            return Optional.empty();
        }
        if (nowNanos - lastChangeNanos < timeout.toNanos()) {
            return Optional.empty();
        }
        return Optional.of("no progress for " + human(timeout) + " at " + progress.percent() + "% with "
                + progress.peers() + " peer" + (progress.peers() == 1 ? "" : "s")
                + ": is the seeder still running? redeploy to retry");
    }

    static String human(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 120 ? s / 60 + " min" : s + " s";
    }
}
