package murder.core.bt.patch;

import static org.assertj.core.api.Assertions.assertThat;

import bt.net.buffer.BorrowedBuffer;
import bt.runtime.Config;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadlock of bt #207: a thread that meets an already released buffer (its connection closed under it) must not
 * keep the buffer's lock, or the next thread to touch the buffer waits forever.
 */
class ReleaseSafeBufferManagerTest {

    private final ReleaseSafeBufferManager manager = new ReleaseSafeBufferManager(smallBuffers());
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    private static Config smallBuffers() {
        Config config = new Config();
        config.setNetworkBufferSize(64 * 1024);
        return config;
    }

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void aThreadThatFindsTheBufferReleasedLeavesItUnlockedForOthers() throws Exception {
        BorrowedBuffer<ByteBuffer> buffer = manager.borrowByteBuffer();
        buffer.release(); // e.g. the peer hung up during the handshake

        assertThat(buffer.lockAndGet()).isNull(); // 1.10 returned null too, but kept the lock
        // the 1.10 callers return here without unlock(); another thread must still get through
        CompletableFuture<ByteBuffer> elsewhere = CompletableFuture.supplyAsync(() -> {
            ByteBuffer b = buffer.lockAndGet();
            buffer.unlock();
            return b;
        }, other);
        assertThat(elsewhere.get(10, TimeUnit.SECONDS)).isNull();
        CompletableFuture<Void> releaseAgain = CompletableFuture.runAsync(buffer::release, other);
        releaseAgain.get(10, TimeUnit.SECONDS);
    }

    @Test
    void unlockAfterANullIsHarmlessAndALiveBufferLocksAsBefore() throws Exception {
        BorrowedBuffer<ByteBuffer> live = manager.borrowByteBuffer();
        ByteBuffer b = live.lockAndGet();
        assertThat(b).isNotNull();
        assertThat(b.capacity()).isEqualTo(64 * 1024);
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
            live.release(); // waits for our unlock
            return true;
        }, other);
        Thread.sleep(100);
        assertThat(blocked).as("release waits while another thread holds the buffer").isNotDone();
        live.unlock();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(live.lockAndGet()).isNull();
        live.unlock(); // what 1.10's callers do in a finally: no IllegalMonitorStateException
    }

    @Test
    void aReleasedBufferIsLentAgain() {
        BorrowedBuffer<ByteBuffer> first = manager.borrowByteBuffer();
        ByteBuffer raw = first.lockAndGet();
        raw.put((byte) 1);
        first.unlock();
        first.release();

        BorrowedBuffer<ByteBuffer> second = manager.borrowByteBuffer();
        ByteBuffer again = second.lockAndGet();
        try {
            assertThat(again).isSameAs(raw);
            assertThat(again.position()).as("cleared").isZero();
        } finally {
            second.unlock();
        }
    }
}
