package murder.peer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import murder.core.api.AgentHeartbeat;
import murder.core.api.DesiredRelease;
import murder.core.api.StateReport;
import murder.core.json.Json;

/**
 * Just enough of the tracker for agent tests (the real one lives in murder-tracker, which the agent must not depend
 * on): heartbeats, the desired-release long-poll, torrents, reports, and a compact-peers announce. It can be stopped
 * and started again on the same port, keeping what it recorded, like a restarted tracker with its database.
 */
public final class FakeTracker implements AutoCloseable {

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-tracker");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final int port;
    private HttpServer server;
    private DesiredRelease desired;
    private final Map<String, byte[]> torrents = new ConcurrentHashMap<>();
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    public final List<AgentHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    public final List<StateReport> reports = new CopyOnWriteArrayList<>();
    public final AtomicInteger torrentRequests = new AtomicInteger();
    /** Runs after a report was recorded (e.g. to stop the tracker mid-deploy). */
    public volatile java.util.function.Consumer<StateReport> onReport = r -> { };

    public FakeTracker() throws IOException {
        this.port = bind(0);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String announceUrl() {
        return url() + "/announce";
    }

    public void addTorrent(String releaseId, byte[] torrent) {
        torrents.put(releaseId, torrent);
    }

    public void deploy(DesiredRelease next) {
        synchronized (lock) {
            desired = next;
            lock.notifyAll();
        }
    }

    public void stop() {
        server.stop(0);
    }

    public void restart() throws IOException {
        bind(port);
    }

    private int bind(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            route(ex);
        } catch (RuntimeException e) {
            System.err.println("fake tracker: " + ex.getRequestURI() + " failed: " + e);
            throw e;
        }
    }

    private void route(HttpExchange ex) throws IOException {
        {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/announce")) {
                announce(ex);
            } else if (method.equals("PUT") && path.matches("/api/v1/agents/[^/]+")) {
                heartbeats.add(Json.read(ex.getRequestBody().readAllBytes(), AgentHeartbeat.class));
                ex.sendResponseHeaders(204, -1);
            } else if (method.equals("POST") && path.endsWith("/reports")) {
                StateReport report = Json.read(ex.getRequestBody().readAllBytes(), StateReport.class);
                reports.add(report);
                ex.sendResponseHeaders(204, -1);
                onReport.accept(report);
            } else if (path.endsWith("/desired")) {
                desired(ex);
            } else if (path.endsWith("/torrent")) {
                byte[] torrent = torrents.get(path.split("/")[4]);
                torrentRequests.incrementAndGet();
                send(ex, 200, torrent);
            } else {
                send(ex, 404, "{\"error\":\"no such path\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void desired(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        long known = Long.parseLong(q.get("known"));
        long deadline = System.currentTimeMillis() + Long.parseLong(q.get("waitMs"));
        DesiredRelease answer;
        synchronized (lock) {
            while ((desired == null || desired.deploymentId() == known) && System.currentTimeMillis() < deadline) {
                try {
                    lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
            answer = desired == null || desired.deploymentId() == known ? null : desired;
        }
        if (answer == null) {
            ex.sendResponseHeaders(204, -1);
        } else {
            send(ex, 200, Json.write(answer));
        }
    }

    /** BEP 23 compact peers: every peer that announced, as 4 address bytes and 2 port bytes. */
    private void announce(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        int peerPort = Integer.parseInt(q.get("port"));
        String self = ex.getRemoteAddress().getAddress().getHostAddress() + ":" + peerPort;
        if ("stopped".equals(q.get("event"))) {
            peers.remove(self);
        } else {
            peers.add(self);
        }
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        for (String peer : peers) {
            String[] parts = peer.split(":");
            compact.write(InetAddress.getByName(parts[0]).getAddress());
            int p = Integer.parseInt(parts[1]);
            compact.write(p >> 8);
            compact.write(p & 0xff);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("d8:intervali2e5:peers" + compact.size() + ":").getBytes(StandardCharsets.US_ASCII));
        compact.writeTo(body);
        body.write('e');
        send(ex, 200, body.toByteArray());
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new ConcurrentHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    // bt percent-encodes even digits
                    q.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.ISO_8859_1));
                }
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
