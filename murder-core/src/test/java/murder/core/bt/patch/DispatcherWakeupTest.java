package murder.core.bt.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherWakeupTest {

    private final DispatcherWakeup wakeup = new DispatcherWakeup();

    @Test
    void aWakeBeforeTheAwaitIsNotLost() throws Exception {
        wakeup.wake();
        long started = System.nanoTime();
        assertThat(wakeup.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(wakeup.await(20, TimeUnit.MILLISECONDS)).as("one wake, one early return").isFalse();
    }

    @Test
    void withoutAWakeItWaitsTheWholeTimeout() throws Exception {
        long started = System.nanoTime();
        assertThat(wakeup.await(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aWakeFromAnotherThreadEndsTheWaitEarly() throws Exception {
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return wakeup.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50); // let it park (if it has not yet, the wake is kept for it anyway)
        wakeup.wake();
        assertThat(woken.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptEndsTheWait() {
        Thread.currentThread().interrupt();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wakeup.await(60, TimeUnit.SECONDS))
                .isInstanceOf(InterruptedException.class);
    }
}
