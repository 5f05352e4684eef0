package murder.peer.deploy;

/**
 * Decides which download percentages are worth a report: a change of 10 points or more at once, any change after
 * 2 s (the heartbeat's pace), and 100. Every report is an HTTP request and a database write on the tracker: at one
 * per 500 ms, reports and the HTTP client threads they keep busy took about a quarter of an agent's Java samples
 * during a deploy (JFR over bench/netbench.sh 8 64 20).
 */
final class ProgressThrottle {

    static final long MIN_INTERVAL_NANOS = 2_000_000_000L;
    static final int BIG_STEP = 10;

    private int lastPercent = -1;
    private long lastAtNanos;

    synchronized boolean shouldReport(int percent, long nowNanos) {
        if (percent == lastPercent) {
            return false;
        }
        boolean due = lastPercent < 0 || percent == 100 || Math.abs(percent - lastPercent) >= BIG_STEP
                || nowNanos - lastAtNanos >= MIN_INTERVAL_NANOS;
        if (due) {
            lastPercent = percent;
            lastAtNanos = nowNanos;
        }
        return due;
    }
}
