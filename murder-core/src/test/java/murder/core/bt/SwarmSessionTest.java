package murder.core.bt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.runtime.BtRuntime;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import murder.core.MurderException;
import murder.core.torrent.TorrentFactory;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real bt runtime with no peers: what stopping a download that cannot progress leaves behind. */
class SwarmSessionTest {

    @TempDir
    Path tmp;

    private BtRuntime runtime;
    private byte[] torrent;

    @BeforeEach
    void makeTorrent() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Path file = Files.write(Files.createDirectories(tmp.resolve("src")).resolve("r.tar.gz"), data);
        // nobody listens there: the download cannot start, like a swarm whose only seeder died
        torrent = TorrentFactory.make(file, "http://127.0.0.1:9/announce").bytes();
        runtime = BtRuntimeFactory.create(new BtSettings(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void shutdown() {
        runtime.shutdown();
    }

    @Test
    void aStoppedIncompleteDownloadCanBeStartedAgainInTheSameRuntime() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("download"));
        AtomicReference<SwarmProgress> seen = new AtomicReference<>();
        SwarmSession first = SwarmSession.start(runtime, torrent, dir, seen::set);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.get() != null && seen.get().piecesTotal() > 0);
        assertThat(first.downloaded()).isNotDone();

        Assertions.assertThatThrownBy(() -> SwarmSession.start(runtime, torrent, dir, p -> { }))
                .isInstanceOf(MurderException.class).hasMessageContaining("still open");
        long started = System.nanoTime();
        first.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));

        AtomicReference<SwarmProgress> again = new AtomicReference<>();
        SwarmSession second = SwarmSession.start(runtime, torrent, dir, again::set);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> again.get() != null && again.get().piecesTotal() > 0);
            assertThat(second.infoHash()).hasSize(40).isLowerCase();
            assertThat(second.failure()).isNotDone();
        } finally {
            second.close();
        }
    }

    @Test
    void aCompleteFileIsSeededAndStopsAtOnce() throws Exception {
        SwarmSession seed = SwarmSession.start(runtime, torrent, tmp.resolve("src"), p -> { });
        seed.downloaded().get(30, TimeUnit.SECONDS);
        seed.close();
        SwarmSession.start(runtime, torrent, tmp.resolve("src"), p -> { }).close();
    }
}
