package murder.peer.swarm;

import java.time.Duration;
import java.util.Optional;
import murder.core.bt.SwarmProgress;

/**
 * Tells a download that is going nowhere from a slow one: it has stalled once neither verified pieces nor received
 * bytes grew for {@code timeout}. A seeder that died leaves agents at the same percentage forever otherwise. The clock
 * starts once bt has checked the data already on disk (hashing a large file takes a while on a busy host); that
 * check itself may take up to {@value #CHECK_FACTOR} times the timeout.
 */
final class StallWatch {

    static final int CHECK_FACTOR = 10;

    private final Duration timeout;
    private final long startedNanos;
    private int pieces = -1;
    private long received = -1;
    private long lastChangeNanos;

    StallWatch(Duration timeout, long nowNanos) {
        this.timeout = timeout;
        this.lastChangeNanos = nowNanos;
        this.startedNanos = nowNanos;
    }

    /**
     * The reason to give up, once the download has made no progress for the timeout.
     *
     * @param checking true while bt still checks the data on disk (before it asks peers for anything)
     */
    Optional<String> check(SwarmProgress progress, boolean checking, long nowNanos) {
        if (checking) {
            pieces = progress.piecesComplete();
            received = progress.downloaded();
            lastChangeNanos = nowNanos;
            Duration limit = timeout.multipliedBy(CHECK_FACTOR);
            return nowNanos - startedNanos < limit.toNanos() ? Optional.empty() : Optional.of("checking the data "
                    + "already on disk took over " + human(limit) + ": check the data dir's disk, then redeploy");
        }
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
