package murder.core.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The least tracker bt will talk to, for tests of bt runtimes in murder-core (the real one lives in murder-tracker):
 * one swarm, on 127.0.0.1, every peer that announced is handed to every announcer as a compact IPv4 list; a
 * {@code stopped} announce removes it.
 */
public final class LoopbackTracker implements AutoCloseable {

    private final HttpServer server;
    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    private final List<Announce> announces = new CopyOnWriteArrayList<>();

    /** One announce as it came in: {@code System.nanoTime()}, the announcer's port, its event ("" for none). */
    public record Announce(long atNanos, int port, String event) {
    }

    public LoopbackTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/announce", this::announce);
        server.start();
    }

    public String announceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
    }

    private void announce(HttpExchange exchange) throws IOException {
        int port = -1;
        String event = "";
        for (String param : exchange.getRequestURI().getRawQuery().split("&")) {
            if (param.startsWith("port=")) {
                // bt percent-encodes even digits
                port = Integer.parseInt(URLDecoder.decode(param.substring(5), StandardCharsets.US_ASCII));
            }
            if (param.startsWith("event=")) {
                event = param.substring(6);
            }
        }
        announces.add(new Announce(System.nanoTime(), port, event));
        if (event.equals("stopped")) {
            ports.remove(port);
        } else if (port > 0) {
            ports.add(port);
        }
        ByteArrayOutputStream peers = new ByteArrayOutputStream();
        for (int p : ports) {
            peers.writeBytes(new byte[] {127, 0, 0, 1, (byte) (p >> 8), (byte) p});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("d8:intervali1e5:peers" + peers.size() + ":").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(peers.toByteArray());
        body.write('e');
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    /** Every announce so far, oldest first. */
    public List<Announce> announces() {
        return List.copyOf(announces);
    }

    /** The ports of the peers announced and not stopped. */
    public Set<Integer> ports() {
        return Set.copyOf(ports);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
