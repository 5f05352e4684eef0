package murder.peer.tracker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A daemon thread that talks to the tracker until closed; closing interrupts a request in flight. */
abstract class AgentLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    AgentLoop(String threadName) {
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    protected abstract void loop();

    protected void startThread() {
        thread.start();
    }

    protected boolean stopping() {
        return stop.getCount() == 0;
    }

    /** Waits {@code delay}, or less if closed meanwhile; true when the loop should end. */
    protected boolean pause(Duration delay) {
        try {
            return stop.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Override
    public void close() {
        stop.countDown();
        thread.interrupt(); // the JDK client aborts a request in flight
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.debug("{} still waiting for the tracker; it is a daemon thread", thread.getName());
        }
    }
}
