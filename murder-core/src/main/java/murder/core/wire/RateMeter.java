package murder.core.wire;

/** Bytes per second of what a peer sends us, over the last complete window of a quarter second or more. */
final class RateMeter {

    static final long WINDOW_NANOS = 250_000_000L;

    private long since;
    private long bytes;
    private long perSecond;

    RateMeter(long nowNanos) {
        since = nowNanos;
    }

    void add(int length, long nowNanos) {
        bytes += length;
        long elapsed = nowNanos - since;
        if (elapsed >= WINDOW_NANOS) {
            perSecond = bytes * 1_000_000_000L / elapsed;
            bytes = 0;
            since = nowNanos;
        }
    }

    /** 0 until the first window is complete. */
    long perSecond() {
        return perSecond;
    }
}
