package murder.peer.deploy;

/**
 * Decides which download percentages are worth a report: a change of 5 points or more at once, any change after
 * 500 ms, and 100. With bt's 250 ms callbacks that is at most a few small reports a second per host.
 */
final class ProgressThrottle {

    static final long MIN_INTERVAL_NANOS = 500_000_000L;
    static final int BIG_STEP = 5;

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
