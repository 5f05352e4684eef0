package murder.core.bt.patch;

import bt.net.buffer.BorrowedBuffer;
import bt.net.buffer.IBufferManager;
import bt.runtime.Config;
import com.google.inject.Inject;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Replaces bt 1.10's {@code bt.net.buffer.BufferManager} (the pool of direct buffers each peer connection borrows two
 * of), fixing the deadlock of upstream commit 485d3f001 (bt #207) at its source.
 *
 * <p>In 1.10, {@code lockAndGet()} of a buffer already released (its connection closed, e.g. a peer hanging up in
 * the handshake) returned null and left the lock held; {@code DefaultChannelPipeline.encode} and
 * {@code SocketChannelHandler.flush} then returned without unlocking it, so the next thread to touch that buffer
 * (often the message dispatcher, which serves every peer) blocked forever. Upstream moved those two calls under
 * try/finally; here, since both classes are created with {@code new} inside bt's connection factory, the buffer
 * itself returns null <em>without</em> holding its lock, and {@code unlock()} of a lock the thread does not hold is a
 * no-op (the callers that unlock in a finally after a null). Pooling as in 1.10: released buffers are reused, held
 * softly.
 */
final class ReleaseSafeBufferManager implements IBufferManager {

    private final Deque<SoftReference<ByteBuffer>> released = new ConcurrentLinkedDeque<>();
    private final int bufferSize;

    @Inject
    ReleaseSafeBufferManager(Config config) {
        this.bufferSize = config.getNetworkBufferSize();
    }

    @Override
    public BorrowedBuffer<ByteBuffer> borrowByteBuffer() {
        SoftReference<ByteBuffer> ref;
        while ((ref = released.pollLast()) != null) {
            ByteBuffer buffer = ref.get();
            if (buffer != null) { // else collected: try the next
                buffer.clear();
                return new Borrowed(buffer);
            }
        }
        return new Borrowed(ByteBuffer.allocateDirect(bufferSize));
    }

    private final class Borrowed implements BorrowedBuffer<ByteBuffer> {
        private final ReentrantLock lock = new ReentrantLock();
        private ByteBuffer buffer; // guarded by lock; null once released

        Borrowed(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer lockAndGet() {
            lock.lock();
            ByteBuffer b = buffer;
            if (b == null) {
                lock.unlock(); // the fix: a caller that got null owes no unlock
            }
            return b;
        }

        @Override
        public void unlock() {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }

        @Override
        public void release() {
            lock.lock();
            try {
                if (buffer != null) {
                    if (lock.getHoldCount() > 1) {
                        throw new IllegalStateException("Buffer is locked and can't be released");
                    }
                    released.add(new SoftReference<>(buffer));
                    buffer = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
