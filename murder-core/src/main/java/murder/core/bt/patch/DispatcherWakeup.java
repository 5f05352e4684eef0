package murder.core.bt.patch;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells the message dispatcher that there may be work: data arrived on a peer socket, a block was read from or written
 * to disk, a piece was verified, a peer joined. One per bt runtime. bt 1.10's dispatcher instead polls every
 * connection every {@code maxMessageProcessingInterval} (bt issue #130), which costs idle seeders CPU all day.
 *
 * <p>A wake-up is never lost: one that arrives while the dispatcher is busy makes its next {@link #await} return at
 * once.
 */
final class DispatcherWakeup {

    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread waiter;

    /** Cheap when called often: it unparks the dispatcher only on the first call after it last woke. */
    void wake() {
        if (pending.compareAndSet(false, true)) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Waits until {@link #wake} was called since the last await, or the time passed (the cap that keeps bt's
     * time-driven work, such as choking and assignment timeouts, going), or the thread is interrupted.
     *
     * @return whether it was woken (rather than timed out)
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (pending.getAndSet(false)) {
            return true;
        }
        waiter = Thread.currentThread();
        try {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            for (long left = unit.toNanos(timeout); left > 0; left = deadline - System.nanoTime()) {
                if (pending.getAndSet(false)) {
                    return true;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return pending.getAndSet(false);
        } finally {
            waiter = null;
        }
    }
}
