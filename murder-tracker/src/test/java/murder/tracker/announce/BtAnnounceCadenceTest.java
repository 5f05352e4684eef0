package murder.tracker.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.runtime.BtRuntime;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmSession;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * murder's own bt runtime against the tracker's real announce answers (with {@code interval} and {@code min
 * interval}) over HTTP: it must keep announcing every few seconds, or new peers wait for each other. bt announces at
 * the longer of its own query interval (2 s) and the tracker's {@code min interval}, checked on its 1 s
 * peer-discovery tick: 3 s apart in practice (measured: 3.0 s; with {@code min interval} 10, 11 s).
 */
@Timeout(120)
class BtAnnounceCadenceTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    @Test
    void murdersBtRuntimeAnnouncesEveryTwoSecondsWithOurAnswers() throws Exception {
        byte[] data = new byte[512 * 1024];
        new Random(9).nextBytes(data);
        Path file = Files.write(tmp.resolve("r.tar.gz"), data);
        List<Long> announces = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        try {
            String announceUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
            TorrentFactory.MadeTorrent torrent = TorrentFactory.make(file, announceUrl);
            AnnounceService service = new AnnounceService(new PeerStore(Clock.systemUTC(), Duration.ofSeconds(30)),
                    torrent.infoHash()::equals, Duration.ofSeconds(2), false);
            server.createContext("/announce", exchange -> {
                synchronized (announces) {
                    announces.add(System.nanoTime());
                }
                byte[] answer = service.announce(exchange.getRequestURI().getRawQuery(),
                        exchange.getRemoteAddress().getAddress());
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();

            BtRuntime runtime = BtRuntimeFactory.create(new BtSettings(LOOPBACK, 0));
            try (SwarmSession seed = SwarmSession.start(runtime, torrent.bytes(), tmp, p -> { })) {
                seed.downloaded().get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> count(announces) >= 6);
            } finally {
                runtime.shutdown();
            }
            List<Long> times;
            synchronized (announces) {
                times = List.copyOf(announces);
            }
            // the regular announces after the first: 3 s apart; 4 s leaves room for a loaded machine
            Duration mean = Duration.ofNanos((times.get(5) - times.get(1)) / 4);
            System.out.printf("bt announced every %d ms on average%n", mean.toMillis());
            assertThat(mean).isLessThan(Duration.ofSeconds(4));
        } finally {
            server.stop(0);
        }
    }

    private static int count(List<Long> announces) {
        synchronized (announces) {
            return announces.size();
        }
    }
}
