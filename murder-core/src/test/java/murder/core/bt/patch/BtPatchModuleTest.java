package murder.core.bt.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.net.DataReceiver;
import bt.net.IMessageDispatcher;
import bt.net.buffer.IBufferManager;
import bt.runtime.BtRuntime;
import bt.torrent.data.DataWorker;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmSession;
import murder.core.testsupport.LoopbackTracker;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two real bt runtimes, as BtRuntimeFactory builds them, trading a file over 127.0.0.1 with the patches in. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BtPatchModuleTest {

    @TempDir
    Path tmp;

    private LoopbackTracker tracker;
    private BtRuntime seeder;
    private BtRuntime leecher;
    private byte[] torrent;
    private byte[] data;

    @BeforeEach
    void start() throws Exception {
        tracker = new LoopbackTracker();
        data = new byte[12 * 1024 * 1024];
        new Random(11).nextBytes(data);
        Path file = Files.write(Files.createDirectories(tmp.resolve("seed")).resolve("r.tar.gz"), data);
        torrent = TorrentFactory.make(file, tracker.announceUrl()).bytes();
        seeder = BtRuntimeFactory.create(new BtSettings(InetAddress.getLoopbackAddress(), 0));
        leecher = BtRuntimeFactory.create(new BtSettings(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        if (leecher.isRunning()) {
            leecher.shutdown();
        }
        seeder.shutdown();
        tracker.close();
    }

    @Test
    void theRuntimeRunsThePatchedServices() {
        assertThat(seeder.service(DataReceiver.class)).isInstanceOf(SelectorLoop.class);
        assertThat(seeder.service(IMessageDispatcher.class)).isInstanceOf(ParkingMessageDispatcher.class);
        assertThat(seeder.service(IBufferManager.class)).isInstanceOf(ReleaseSafeBufferManager.class);
        assertThat(seeder.service(DataWorker.class)).isInstanceOf(WakingDataWorker.class);
        assertThat(seeder.service(DataReceiver.class)).as("one per runtime").isNotSameAs(leecher.service(
                DataReceiver.class));
    }

    @Test
    void aFileTravelsThenTheIdleDispatcherParksAndForgetsAPeerThatLeft() throws Exception {
        SwarmSession seed = SwarmSession.start(seeder, torrent, tmp.resolve("seed"), p -> { });
        Path dir = Files.createDirectories(tmp.resolve("download"));
        SwarmSession download = SwarmSession.start(leecher, torrent, dir, p -> { });
        download.downloaded().get(90, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(dir.resolve("r.tar.gz"))).isEqualTo(data);

        ParkingMessageDispatcher dispatcher = (ParkingMessageDispatcher) seeder.service(IMessageDispatcher.class);
        assertThat(dispatcher.registeredConnections()).as("the leecher's connection").isPositive();
        // both are seeds now, nothing to send: at most one pass per wake-up or per 100 ms cap, where bt 1.10's
        // dispatcher polled every 1 ms (3,000 passes in 3 s)
        long before = dispatcher.passes();
        Thread.sleep(3000);
        assertThat(dispatcher.passes() - before).isBetween(1L, 300L);

        download.close();
        leecher.shutdown(); // its sockets close: the seeder must drop their entries (bt 1.10 kept them for good)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> dispatcher.registeredConnections() == 0);
        seed.close();
    }
}
