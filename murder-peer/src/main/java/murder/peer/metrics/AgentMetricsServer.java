package murder.peer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import murder.core.MurderException;
import murder.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's optional metrics port ({@code murder agent --metrics-port}): {@code GET /metrics} in the Prometheus
 * text format and {@code GET /health}. No token: bind it to loopback (the default) or an address only the
 * monitoring network reaches. The JDK's small HTTP server is plenty for one scrape every few seconds.
 */
public final class AgentMetricsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentMetricsServer.class);

    static {
        // the JDK server has no request deadline by default; a client trickling its request would hold a thread.
        // Read once by the JDK, process-wide; the agent runs no other JDK HTTP server.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "10");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private AgentMetricsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * @param health the body of {@code /health}, as JSON
     * @throws MurderException FAILED when the address cannot be bound
     */
    public static AgentMetricsServer start(InetSocketAddress address, AgentMetrics metrics, Supplier<Object> health) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot listen on " + address.getHostString() + ":"
                    + address.getPort() + " for metrics: " + e.getMessage()
                    + " (is something else using it? pick another --metrics-port or --metrics-bind)", e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "murder-agent-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, metrics, health));
        server.start();
        return new AgentMetricsServer(server, threads);
    }

    private static void answer(HttpExchange exchange, AgentMetrics metrics, Supplier<Object> health) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/health")) {
                send(exchange, 404, "text/plain; charset=utf-8",
                        ("no such path " + path + ": this agent serves /metrics and /health\n").getBytes(StandardCharsets.UTF_8));
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "use GET\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/metrics")) {
                send(exchange, 200, AgentMetrics.contentType(), metrics.scrape());
            } else {
                send(exchange, 200, "application/json", Json.write(health.get()));
            }
        } catch (RuntimeException e) {
            log.warn("metrics request {} failed: {}", exchange.getRequestURI(), e.toString());
            throw e;
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The port listened on (the chosen one if 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
