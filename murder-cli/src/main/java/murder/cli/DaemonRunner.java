package murder.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Keeps a daemon's command running until SIGTERM/SIGINT, then closes the daemon before the JVM exits. */
public final class DaemonRunner {

    private DaemonRunner() {
    }

    public static int runUntilStopped(String name, AutoCloseable daemon) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LoggerFactory.getLogger(DaemonRunner.class).info("{} stopping", name);
            try {
                daemon.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(DaemonRunner.class).warn("{} did not stop cleanly: {}", name, e.toString());
            } finally {
                closed.countDown();
            }
        }, name + "-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // SIGTERM arrived while the daemon was starting (systemctl stop right after start): close it here
            hook.run();
            return 0;
        }
        closed.await();
        return 0;
    }
}
