package murder.core.wire;

/**
 * Paces the reads of one connection while a long message (a block) comes in slowly. A blocking read wakes its thread
 * for every segment that arrives, 1.4 KB at a time on a link of a few MB/s, and the wake-up costs more than copying
 * the segment; waiting until some tens of KB are there instead cuts the wake-ups several-fold. Only inside a message
 * and only after a short read: a request or a have is read as soon as it arrives, and a fast link (whose reads come
 * back full) is never paused. The pause is what the connection's rate needs to bring {@link #TARGET} bytes (or the
 * rest of the message, if less), at most {@link #MAX_PAUSE_NANOS}: far less than the socket's receive buffer holds
 * at that rate, so the sender never waits for it.
 */
final class ReadPacer {

    static final int SHORT_READ = 8 * 1024;
    static final int TARGET = 32 * 1024;
    static final int WORTH_WAITING_FOR = 4 * 1024;
    static final long MAX_PAUSE_NANOS = 10_000_000L;
    static final long MIN_PAUSE_NANOS = 200_000L;

    private final RateMeter rate;

    ReadPacer(long nowNanos) {
        rate = new RateMeter(nowNanos);
    }

    /** Counts a read of {@code read} bytes at {@code nowNanos}. */
    void read(int read, long nowNanos) {
        rate.add(read, nowNanos);
    }

    /** Nanoseconds to wait before the next read, after one of {@code lastRead} bytes left {@code stillToCome}. */
    long pauseNanos(int lastRead, int stillToCome) {
        long perSecond = rate.perSecond();
        if (lastRead >= SHORT_READ || stillToCome < WORTH_WAITING_FOR || perSecond <= 0) {
            return 0;
        }
        long pause = Math.min(MAX_PAUSE_NANOS, Math.min(TARGET, stillToCome) * 1_000_000_000L / perSecond);
        return pause < MIN_PAUSE_NANOS ? 0 : pause;
    }
}
