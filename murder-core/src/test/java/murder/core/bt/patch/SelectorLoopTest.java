package murder.core.bt.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.net.DataReceiver;
import bt.net.pipeline.ChannelHandlerContext;
import bt.net.pipeline.ChannelPipeline;
import bt.runtime.BtRuntime;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Channels registered from many threads at once, with every core kept busy, while the selector thread is reading:
 * what livelocked bt 1.10 (connection workers spinning in SharedSelector.wakeupAndRegister, bt #252).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SelectorLoopTest {

    private static final int CHANNELS = 40;

    private final BtRuntime runtime = BtRuntimeFactory.create(new BtSettings(InetAddress.getLoopbackAddress(), 0));
    private final List<SocketChannel> channels = new ArrayList<>();
    private final ExecutorService registrars = Executors.newFixedThreadPool(8);
    private final AtomicBoolean hogging = new AtomicBoolean(true);
    private final List<Thread> hogs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        hogging.set(false);
        for (Thread hog : hogs) {
            hog.join(10_000);
        }
        registrars.shutdownNow();
        for (SocketChannel channel : channels) {
            channel.close();
        }
        runtime.shutdown();
    }

    @Test
    void channelsRegisteredFromManyThreadsOnBusyCoresAreAllRegisteredAndRead() throws Exception {
        DataReceiver receiver = runtime.service(DataReceiver.class);
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread hog = new Thread(() -> {
                while (hogging.get()) {
                    Thread.onSpinWait();
                }
            }, "hog-" + i);
            hog.setDaemon(true);
            hog.start();
            hogs.add(hog);
        }
        AtomicLong read = new AtomicLong();
        List<CompletableFuture<Void>> registered = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < CHANNELS; i++) {
                SocketChannel writer = SocketChannel.open(server.getLocalAddress());
                SocketChannel reader = server.accept();
                reader.configureBlocking(false);
                channels.add(writer);
                channels.add(reader);
                registered.add(CompletableFuture.runAsync(
                        () -> receiver.registerChannel(reader, new CountingContext(reader, read)), registrars));
            }
        }
        CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (int i = 0; i < channels.size(); i += 2) {
            channels.get(i).write(ByteBuffer.wrap(new byte[1000]));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> read.get() == CHANNELS * 1000L);
    }

    /** Reads whatever arrives and counts it: the part of bt's pipeline the selector thread calls. */
    private record CountingContext(SocketChannel channel, AtomicLong read) implements ChannelHandlerContext {
        @Override
        public boolean readFromChannel() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int n;
            while ((n = channel.read(buffer)) > 0) {
                read.addAndGet(n);
                buffer.clear();
            }
            if (n < 0) {
                throw new EOFException();
            }
            return true;
        }

        @Override
        public ChannelPipeline pipeline() {
            throw new UnsupportedOperationException("not used by the selector thread");
        }

        @Override
        public void fireChannelRegistered() {
        }

        @Override
        public void fireChannelUnregistered() {
        }

        @Override
        public void fireChannelActive() {
        }

        @Override
        public void fireChannelInactive() {
        }

        @Override
        public void fireDataReceived() {
        }
    }
}
