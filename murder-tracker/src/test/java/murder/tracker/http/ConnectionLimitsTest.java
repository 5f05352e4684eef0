package murder.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import murder.tracker.MutableClock;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerWiring;
import murder.tracker.auth.Authorizer;
import murder.tracker.store.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Caps, deadlines and size limits of the tracker's HTTP server, against real sockets on 127.0.0.1. */
@Timeout(120)
class ConnectionLimitsTest {

    /** An announce for an unregistered torrent: answered from memory with a failure reason. */
    private static final String ANNOUNCE = "GET /announce?info_hash=%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f"
            + "%10%11%12%13%14&peer_id=-MU0001-abcdefghijkl&port=6881&left=0 HTTP/1.0\r\n\r\n";

    @TempDir
    Path dataDir;

    private TrackerStore store;
    private ExecutorService workers;
    private TrackerServer server;
    private TrackerInitializer initializer;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = TrackerStore.open(dataDir);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        store.close();
    }

    private InetSocketAddress start(ConnectionLimits limits, ExecutorService executor) {
        workers = executor;
        var services = TrackerWiring.services(store, TrackerConfig.defaults(dataDir),
                new MutableClock(Instant.parse("2024-01-01T00:00:00Z")));
        initializer = new TrackerInitializer(new Router(services, Authorizer.open()), executor, limits);
        server = TrackerServer.bind("127.0.0.1", 0, initializer);
        return server.address();
    }

    private InetSocketAddress start(ConnectionLimits limits) {
        return start(limits, new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(16)));
    }

    private Socket open(InetSocketAddress server, InetAddress from) throws IOException {
        Socket socket = HttpSockets.connect(server, from);
        sockets.add(socket);
        return socket;
    }

    @Test
    void slowSendersAreCutAtTheDeadlineWhileOthersAreServed() throws Exception {
        Duration deadline = Duration.ofSeconds(3);
        InetSocketAddress tracker = start(ConnectionLimits.defaults().withRequestDeadline(deadline)
                .withMaxConnectionsPerSource(1000));
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Socket socket = open(tracker, attacker);
            HttpSockets.send(socket, "GET /announce?info_hash=");
            slow.add(socket);
        }
        long opened = System.nanoTime();
        Thread trickle = new Thread(() -> trickle(slow), "slowloris");
        trickle.setDaemon(true);
        trickle.start();
        try {
            // a well-behaved client is answered at once while the 400 are held open
            long start = System.nanoTime();
            String answer = HttpSockets.exchange(tracker, ANNOUNCE);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("failure reason").contains("unknown info_hash");
            assertThat(took).isLessThan(Duration.ofSeconds(1));

            // every slow one is cut, although each keeps sending a byte every 500 ms
            await().atMost(deadline.plusSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> slow.stream().allMatch(HttpSockets::isClosedByServer));
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(deadline);
        } finally {
            trickle.interrupt();
            trickle.join(5_000);
        }
    }

    private static void trickle(List<Socket> sockets) {
        while (!Thread.currentThread().isInterrupted()) {
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write('a');
                } catch (IOException e) {
                    // closed by the server: what the test waits for
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Test
    void connectionsOverTheSourceCapAreClosedAtOnceAndOtherSourcesStillGetIn() throws Exception {
        InetSocketAddress tracker = start(ConnectionLimits.defaults().withMaxConnectionsPerSource(3));
        InetAddress busy = InetAddress.getByName("127.0.0.3");
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(open(tracker, busy));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> initializer.openConnections() >= 3);

        Socket fourth = open(tracker, busy);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> HttpSockets.isClosedByServer(fourth));

        // the three within the cap still work, and so does another source
        held.get(0).setSoTimeout(10_000);
        HttpSockets.send(held.get(0), ANNOUNCE);
        assertThat(new String(held.get(0).getInputStream().readAllBytes())).startsWith("HTTP/1.1 200");
        assertThat(HttpSockets.exchange(tracker, ANNOUNCE)).startsWith("HTTP/1.1 200");

        // a closed connection frees its place
        held.get(1).close();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Socket again = HttpSockets.connect(tracker, busy)) {
                HttpSockets.send(again, ANNOUNCE);
                return new String(again.getInputStream().readAllBytes()).startsWith("HTTP/1.1 200");
            }
        });
    }

    @Test
    void theGlobalCapHoldsAcrossSources() throws Exception {
        InetSocketAddress tracker = start(ConnectionLimits.defaults().withMaxConnections(2));
        open(tracker, InetAddress.getByName("127.0.0.4"));
        open(tracker, InetAddress.getByName("127.0.0.5"));
        await().atMost(Duration.ofSeconds(5)).until(() -> initializer.openConnections() >= 2);

        Socket third = open(tracker, InetAddress.getByName("127.0.0.6"));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> HttpSockets.isClosedByServer(third));
    }

    @Test
    void idleKeepAliveConnectionsAreClosedButALongPollIsNot() throws Exception {
        InetSocketAddress tracker = start(ConnectionLimits.defaults().withIdleTimeout(Duration.ofSeconds(1))
                .withRequestDeadline(Duration.ofSeconds(1)));
        Socket socket = open(tracker, InetAddress.getLoopbackAddress());

        String heartbeat = "{\"tags\":[\"web\"],\"btPort\":6881}";
        HttpSockets.send(socket, "PUT /api/v1/agents/h1 HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + heartbeat.length() + "\r\n\r\n" + heartbeat);
        assertThat(HttpSockets.readResponse(socket)).startsWith("HTTP/1.1 204");

        // a long-poll of 3 s outlives both timeouts: it is in flight, so neither applies
        long start = System.nanoTime();
        HttpSockets.send(socket, "GET /api/v1/agents/h1/desired?known=0&waitMs=3000 HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(HttpSockets.readResponse(socket)).startsWith("HTTP/1.1 204");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));

        // after the answer the connection is idle, and closed after about a second
        long answered = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> HttpSockets.isClosedByServer(socket));
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void oversizeHeadersAndRequestLinesAreRefusedWith4xx() throws Exception {
        InetSocketAddress tracker = start(ConnectionLimits.defaults());

        String bigHeader = "GET /api/v1/status HTTP/1.0\r\nX-Junk: " + "a".repeat(10_000) + "\r\n\r\n";
        assertThat(HttpSockets.exchange(tracker, bigHeader)).startsWith("HTTP/1.1 431")
                .contains("request headers too large");
        String bigLine = "GET /announce?x=" + "a".repeat(10_000) + " HTTP/1.0\r\n\r\n";
        assertThat(HttpSockets.exchange(tracker, bigLine)).startsWith("HTTP/1.1 414").contains("request line too long");
        assertThat(HttpSockets.exchange(tracker, "GET /%zz HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 400")
                .contains("cannot decode the request's path");
    }

    @Test
    void aFullWorkerQueueIsAnswered503WithRetryAfter() throws Exception {
        var tiny = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
        InetSocketAddress tracker = start(ConnectionLimits.defaults(), tiny);
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocked = () -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        tiny.execute(blocked); // the one worker
        tiny.execute(blocked); // the one queue slot
        try {
            long start = System.nanoTime();
            String answer = HttpSockets.exchange(tracker, "GET /api/v1/status HTTP/1.0\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1")
                    .contains("the tracker is busy");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            // announces never touch the workers
            assertThat(HttpSockets.exchange(tracker, ANNOUNCE)).startsWith("HTTP/1.1 200");
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                HttpSockets.exchange(tracker, "GET /api/v1/status HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 200"));
    }
}
