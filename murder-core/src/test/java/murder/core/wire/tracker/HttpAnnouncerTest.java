package murder.core.wire.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAnnouncerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicReference<String> lastQuery = new AtomicReference<>();
    private volatile int status = 200;
    private volatile byte[] body = "d8:intervali30e5:peers0:e".getBytes(StandardCharsets.ISO_8859_1);
    private volatile boolean chunked;

    @BeforeEach
    void startTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/announce", this::answer);
        server.start();
    }

    @AfterEach
    void stopTracker() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        lastQuery.set(exchange.getRequestURI().getRawQuery());
        byte[] out = body;
        exchange.sendResponseHeaders(status, chunked ? 0 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        } catch (IOException e) {
            // the client hung up (an oversized answer)
        }
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private HttpAnnouncer announcer() {
        return new HttpAnnouncer(url("/announce"), null, TIMEOUT);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Every byte value 0..255 shows up across info_hash and peer_id over a few requests; here the awkward ones. */
    private static final byte[] INFO_HASH = bytes(0x00, 0xff, 0x20, 0x25, 0x26, 0x3d, 0x2b, 0x3f, 0x23, 0x7e, 0x2d,
            0x2e, 0x5f, 0x41, 0x7a, 0x30, 0x80, 0x7f, 0x0a, 0x2f);
    private static final byte[] PEER_ID = "-MU0001-abc~def.ghi_".getBytes(StandardCharsets.US_ASCII);

    private static AnnounceRequest request(AnnounceEvent event, InetAddress ip) {
        return new AnnounceRequest(INFO_HASH, PEER_ID, ip, 6881, 10, 20, 30, event, 50);
    }

    /** Splits a raw query into (name, percent-decoded bytes) pairs in order. */
    private static List<Map.Entry<String, byte[]>> params(String rawQuery) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.add(Map.entry(pair.substring(0, eq), decode(pair.substring(eq + 1))));
        }
        return out;
    }

    private static Map<String, String> textParams(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : params(rawQuery)) {
            out.put(e.getKey(), new String(e.getValue(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static byte[] compactV4(int a, int b, int c, int d, int port) {
        return bytes(a, b, c, d, port >> 8, port & 0xff);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sendsEveryParameterWithBinaryHashesByteExact() throws Exception {
        announcer().announce(request(AnnounceEvent.STARTED, InetAddress.getByName("10.1.2.3")));
        String raw = lastQuery.get();
        List<Map.Entry<String, byte[]>> params = params(raw);
        assertThat(params.get(0).getKey()).isEqualTo("info_hash");
        assertThat(params.get(0).getValue()).isEqualTo(INFO_HASH);
        assertThat(params.get(1).getKey()).isEqualTo("peer_id");
        assertThat(params.get(1).getValue()).isEqualTo(PEER_ID);
        assertThat(textParams(raw)).containsExactly(
                Map.entry("info_hash", new String(INFO_HASH, StandardCharsets.ISO_8859_1)),
                Map.entry("peer_id", "-MU0001-abc~def.ghi_"),
                Map.entry("port", "6881"), Map.entry("uploaded", "10"), Map.entry("downloaded", "20"),
                Map.entry("left", "30"), Map.entry("compact", "1"), Map.entry("numwant", "50"),
                Map.entry("event", "started"), Map.entry("ip", "10.1.2.3"), Map.entry("supportcrypto", "1"));
        // unreserved characters as they are, everything else %XX (uppercase)
        assertThat(raw).startsWith("info_hash=%00%FF%20%25%26%3D%2B%3F%23~-._Az0%80%7F%0A%2F&peer_id=-MU0001-abc~def.ghi_&");
    }

    @Test
    void everyByteValueRoundTrips() throws Exception {
        HttpAnnouncer announcer = announcer();
        for (int start = 0; start < 256; start += 20) {
            byte[] hash = new byte[20];
            for (int i = 0; i < 20; i++) {
                hash[i] = (byte) (start + i);
            }
            announcer.announce(new AnnounceRequest(hash, PEER_ID, null, 1, 0, 0, 0, AnnounceEvent.NONE, 0));
            assertThat(params(lastQuery.get()).get(0).getValue()).isEqualTo(hash);
        }
    }

    @Test
    void eventsAndIpOnlyWhenGiven() throws Exception {
        HttpAnnouncer announcer = announcer();
        announcer.announce(request(AnnounceEvent.NONE, null));
        assertThat(textParams(lastQuery.get())).doesNotContainKeys("event", "ip").containsEntry("supportcrypto", "1");
        announcer.announce(request(AnnounceEvent.COMPLETED, null));
        assertThat(textParams(lastQuery.get())).containsEntry("event", "completed");
        announcer.announce(request(AnnounceEvent.STOPPED, InetAddress.getByName("fe80::1")));
        assertThat(textParams(lastQuery.get())).containsEntry("event", "stopped").containsEntry("ip", "fe80:0:0:0:0:0:0:1");
        assertThat(lastQuery.get()).contains("&ip=fe80%3A0%3A0%3A0%3A0%3A0%3A0%3A1&");
    }

    @Test
    void keepsAQueryAlreadyInTheUrl() throws Exception {
        new HttpAnnouncer(url("/announce?passkey=s3cr%2Ft"), null, TIMEOUT).announce(request(AnnounceEvent.NONE, null));
        assertThat(lastQuery.get()).startsWith("passkey=s3cr%2Ft&info_hash=%00%FF");
        assertThat(textParams(lastQuery.get())).containsEntry("passkey", "s3cr/t").containsEntry("compact", "1");
    }

    @Test
    void parsesCompactPeersV4AndV6AndIntervals() throws Exception {
        byte[] v6 = concat(InetAddress.getByName("2001:db8::7").getAddress(), bytes(0x1a, 0xe1));
        body = concat(latin1("d8:completei1e10:incompletei2e8:intervali1800e12:min intervali60e5:peers18:"),
                compactV4(10, 0, 0, 1, 6881), compactV4(192, 168, 255, 254, 65535), compactV4(10, 0, 0, 9, 0),
                latin1("6:peers618:"), v6, latin1("15:warning message7:be nicee"));
        AnnounceResponse r = announcer().announce(request(AnnounceEvent.NONE, null));
        assertThat(r.interval()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(r.minInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.warning()).isEqualTo("be nice");
        // the port-0 entry is skipped
        assertThat(r.peers()).containsExactly(
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 6881),
                new InetSocketAddress(InetAddress.getByName("192.168.255.254"), 65535),
                new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 6881));
    }

    @Test
    void noMinIntervalAndNoPeers() throws Exception {
        body = latin1("d8:intervali5ee");
        AnnounceResponse r = announcer().announce(request(AnnounceEvent.NONE, null));
        assertThat(r.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.minInterval()).isNull();
        assertThat(r.warning()).isNull();
        assertThat(r.peers()).isEmpty();
    }

    @Test
    void parsesTheDictionaryPeerList() throws Exception {
        // unsorted keys, a peer id, a host name (skipped: no DNS), a bad port (skipped), an IPv6 literal, a duplicate
        body = latin1("d5:peersl"
                + "d4:porti6881e2:ip8:10.0.0.17:peer id20:aaaaaaaaaaaaaaaaaaaae"
                + "d2:ip11:example.com4:porti1ee"
                + "d2:ip8:10.0.0.24:porti70000ee"
                + "d2:ip7:fd00::54:porti7000ee"
                + "d2:ip8:10.0.0.14:porti6881ee"
                + "i42e"
                + "e8:intervali900ee");
        AnnounceResponse r = announcer().announce(request(AnnounceEvent.NONE, null));
        assertThat(r.interval()).isEqualTo(Duration.ofSeconds(900));
        assertThat(r.peers()).containsExactly(
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 6881),
                new InetSocketAddress(InetAddress.getByName("fd00::5"), 7000));
    }

    @Test
    void failureReasonIsSurfaced() {
        body = latin1("d14:failure reason25:unknown info_hash 0123abce");
        assertThatThrownBy(() -> announcer().announce(request(AnnounceEvent.STARTED, null)))
                .isInstanceOf(AnnounceException.class)
                .hasMessage("tracker refused the announce: unknown info_hash 0123abc")
                .satisfies(e -> assertThat(((AnnounceException) e).failureReason())
                        .isEqualTo("unknown info_hash 0123abc"));
    }

    @Test
    void httpErrorNamesTheUrlWithoutItsQuery() {
        status = 500;
        body = latin1("internal\nerror");
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
        assertThatThrownBy(() -> new HttpAnnouncer(url("/announce?passkey=secret"), null, TIMEOUT)
                .announce(request(AnnounceEvent.NONE, null)))
                .isInstanceOf(AnnounceException.class)
                .hasMessage("announce to " + base + " failed: HTTP 500: internal?error")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(((AnnounceException) e).failureReason()).isNull());
    }

    @Test
    void redirectsAreNotFollowed() {
        status = 302;
        body = new byte[0];
        assertThatThrownBy(() -> announcer().announce(request(AnnounceEvent.NONE, null)))
                .hasMessageEndingWith("failed: HTTP 302 (redirects are not followed)");
    }

    @Test
    void garbageAndMalformedAnswersAreRefused() {
        String prefix = "announce to http://127.0.0.1:" + server.getAddress().getPort() + "/announce failed: ";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("<html>hello</html>", "the answer is not valid bencode (unexpected byte 0x3c at offset 0)");
        cases.put("", "the answer is not valid bencode (empty body)");
        cases.put("d8:intervali30e", "the answer is not valid bencode (truncated at offset 15)");
        cases.put("d8:intervali30ee junk", "the answer is not valid bencode (unexpected data after the value at offset 17)");
        cases.put("d8:intervali030ee", "the answer is not valid bencode (bad integer at offset 12)");
        cases.put("d8:intervali99999999999999999999ee", "the answer is not valid bencode (integer too large at offset 12)");
        cases.put("d8:interval99:xe", "the answer is not valid bencode (byte string of 99 bytes runs past the end)");
        cases.put("li30ee", "the answer is not a bencoded dictionary");
        cases.put("d5:peers0:e", "the answer has no interval");
        cases.put("d8:intervali-1ee", "interval is not a non-negative integer");
        cases.put("d8:interval2:30e", "interval is not a non-negative integer");
        cases.put("d8:intervali30e5:peers7:1234567e", "peers is 7 bytes, not a multiple of 6");
        cases.put("d8:intervali30e6:peers66:123456e", "peers6 is 6 bytes, not a multiple of 18");
        cases.put("d8:intervali30e5:peersi3ee", "peers is neither a byte string nor a list");
        cases.put("d8:intervali30e1:x" + "l".repeat(40) + "e".repeat(40) + "e",
                "the answer is not valid bencode (nested deeper than 32)");
        HttpAnnouncer announcer = announcer();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            body = latin1(c.getKey());
            assertThatThrownBy(() -> announcer.announce(request(AnnounceEvent.NONE, null)))
                    .as(c.getKey()).isInstanceOf(AnnounceException.class).hasMessage(prefix + c.getValue());
        }
        // nesting up to the limit is fine: the answer dictionary plus 31 lists
        body = latin1("d8:intervali30e1:x" + "l".repeat(31) + "e".repeat(31) + "e");
        assertThat(catchAnnounce(announcer)).isNull();
    }

    private static Throwable catchAnnounce(HttpAnnouncer announcer) {
        try {
            announcer.announce(request(AnnounceEvent.NONE, null));
            return null;
        } catch (AnnounceException e) {
            return e;
        }
    }

    @Test
    void oversizedAnswersAreRefusedSentWithALengthOrChunked() {
        byte[] big = concat(latin1("d8:intervali30e1:x1048600:"), new byte[1_048_600], latin1("e"));
        body = big;
        assertThatThrownBy(() -> announcer().announce(request(AnnounceEvent.NONE, null)))
                .hasMessageEndingWith("failed: the answer is larger than 1048576 bytes");
        chunked = true;
        assertThatThrownBy(() -> announcer().announce(request(AnnounceEvent.NONE, null)))
                .hasMessageEndingWith("failed: the answer is larger than 1048576 bytes");
        // exactly the limit is read
        byte[] fits = concat(latin1("d8:intervali30e1:x1048549:"), new byte[1_048_549], latin1("e"));
        assertThat(fits.length).isEqualTo(HttpAnnouncer.MAX_BODY);
        body = fits;
        assertThat(catchAnnounce(announcer())).isNull();
    }

    @Test
    void aTrackerThatNeverAnswersTimesOut() throws Exception {
        // the kernel accepts connections into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HttpAnnouncer announcer = new HttpAnnouncer(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/announce"), null, Duration.ofMillis(500));
            long start = System.nanoTime();
            assertThatThrownBy(() -> announcer.announce(request(AnnounceEvent.NONE, null)))
                    .isInstanceOf(AnnounceException.class)
                    .hasMessage("announce to http://127.0.0.1:" + silent.getLocalPort()
                            + "/announce failed: no answer within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aTrackerThatStallsMidBodyTimesOut() {
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write(latin1("d8:interval"));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(30_000); // released by shutdownNow in stopTracker
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpAnnouncer announcer = new HttpAnnouncer(url("/stall"), null, Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> announcer.announce(request(AnnounceEvent.NONE, null)))
                .isInstanceOf(AnnounceException.class).hasMessageEndingWith("/stall failed: no answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void connectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpAnnouncer announcer = new HttpAnnouncer(
                URI.create("http://127.0.0.1:" + closedPort + "/announce?passkey=x"), null, TIMEOUT);
        assertThatThrownBy(() -> announcer.announce(request(AnnounceEvent.NONE, null)))
                .isInstanceOf(AnnounceException.class)
                .hasMessage("announce to http://127.0.0.1:" + closedPort + "/announce failed: connection refused");
    }

    @Test
    void oneAnnouncerServesManyThreads() throws Exception {
        body = concat(latin1("d8:intervali7e5:peers6:"), compactV4(10, 9, 8, 7, 1234), latin1("e"));
        HttpAnnouncer announcer = announcer();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<AnnounceResponse>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> announcer.announce(request(AnnounceEvent.NONE, null)));
            }
            for (Future<AnnounceResponse> f : pool.invokeAll(tasks)) {
                assertThat(f.get().peers()).containsExactly(
                        new InetSocketAddress(InetAddress.getByName("10.9.8.7"), 1234));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new HttpAnnouncer(URI.create("udp://tracker:80/announce"), null, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> new HttpAnnouncer(url("/announce"), null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnnounceRequest(new byte[19], PEER_ID, null, 1, 0, 0, 0, AnnounceEvent.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("infoHash must be 20 bytes");
        assertThatThrownBy(() -> new AnnounceRequest(INFO_HASH, PEER_ID, null, 0, 0, 0, 0, AnnounceEvent.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new AnnounceRequest(INFO_HASH, PEER_ID, null, 1, 0, 0, -1, AnnounceEvent.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] hash = INFO_HASH.clone();
        AnnounceRequest r = new AnnounceRequest(hash, PEER_ID, null, 1, 0, 0, 0, AnnounceEvent.NONE, 0);
        hash[0] = 9;
        r.infoHash()[1] = 9;
        assertThat(r.infoHash()).isEqualTo(INFO_HASH);
        assertThat(r).isEqualTo(new AnnounceRequest(INFO_HASH, PEER_ID, null, 1, 0, 0, 0, AnnounceEvent.NONE, 0));
    }
}
