package murder.tracker;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import murder.tracker.auth.Authorizer;
import murder.tracker.control.AgentService;
import murder.tracker.control.DesiredService;
import murder.tracker.control.Sweeper;
import murder.tracker.http.Router;
import murder.tracker.http.SiteRoutes;
import murder.tracker.http.TrackerInitializer;
import murder.tracker.http.TrackerServer;
import murder.tracker.metrics.TrackerMetrics;
import murder.tracker.store.TrackerStore;
import murder.tracker.web.WebAssets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker: store, services, HTTP server, wired by hand. Starts once; {@link #close()} stops the server,
 * then the worker threads, then the store.
 */
public final class TrackerDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackerDaemon.class);
    /** Store access is serialized anyway; two threads keep JSON work off the one holding the connection. */
    private static final int API_THREADS = 2;
    /** How often deadlines are checked: a timed-out host shows FAILED within this long of its deadline. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(2);

    private final TrackerStore store;
    private final ExecutorService apiExecutor;
    private final TrackerServer server;
    private final DesiredService desired;
    private final AgentService agents;
    private final ScheduledExecutorService sweeps;
    private final boolean https;
    private boolean closed;

    private TrackerDaemon(TrackerStore store, ExecutorService apiExecutor, TrackerServer server, DesiredService desired,
                          AgentService agents, ScheduledExecutorService sweeps, boolean https) {
        this.agents = agents;
        this.store = store;
        this.apiExecutor = apiExecutor;
        this.server = server;
        this.desired = desired;
        this.sweeps = sweeps;
        this.https = https;
    }

    public static TrackerDaemon start(TrackerConfig config) {
        return start(config, Clock.systemUTC());
    }

    static TrackerDaemon start(TrackerConfig config, Clock clock) {
        // bad token or TLS files fail here, before the store is opened or a port taken
        Authorizer authorizer = config.auth().authorizer();
        SslContext tls = config.tls() == null ? null : config.tls().serverContext();
        TrackerStore store = TrackerStore.open(config.dataDir());
        ExecutorService apiExecutor = workers(config.limits().workerQueue());
        try {
            Router.Services services = TrackerWiring.services(store, config, clock);
            TrackerMetrics metrics = new TrackerMetrics(services.deployments(), services.agents(), services.desired());
            Router router = new Router(services, authorizer,
                    new SiteRoutes(WebAssets.load(), metrics::scrape, services.health(), authorizer));
            TrackerServer server = TrackerServer.bind(config.bindAddress(), config.port(),
                    new TrackerInitializer(router, apiExecutor, config.limits(), tls, metrics));
            log.info("tracker listening on {}:{} ({}, data dir {}, trust peer ip {})", config.bindAddress(),
                    server.port(), tls == null ? "http" : "https", config.dataDir().toAbsolutePath(),
                    config.trustPeerIp());
            log.info("connection limits: {}", config.limits());
            log.info("deployments time out after {} unless deployed with --timeout; agents not seen for {} are "
                    + "deregistered; the newest {} deployments per tag are kept", config.deploymentTimeout(),
                    config.agentExpiry(), config.keepDeployments());
            return new TrackerDaemon(store, apiExecutor, server, services.desired(),
                    services.agents(), startSweeps(TrackerWiring.sweeper(store, services, config, clock)), tls != null);
        } catch (RuntimeException e) {
            apiExecutor.shutdownNow();
            store.close();
            throw e;
        }
    }

    /**
     * The store workers. Their queue is bounded: when it is full a request is refused at once (503, Retry-After)
     * instead of waiting behind thousands of others while its client times out anyway.
     */
    static ExecutorService workers(int queue) {
        return new ThreadPoolExecutor(API_THREADS, API_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), new DefaultThreadFactory("murder-tracker-api", true));
    }

    /** One thread that sweeps every {@link #SWEEP_EVERY}; a failed pass is logged and the next one runs anyway. */
    private static ScheduledExecutorService startSweeps(Sweeper sweeper) {
        ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("murder-tracker-sweeper", true));
        sweeps.scheduleWithFixedDelay(() -> {
            try {
                sweeper.sweep();
            } catch (RuntimeException e) {
                log.warn("tracker sweep failed, retrying in {}: {}", SWEEP_EVERY, e.toString());
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return sweeps;
    }

    public int port() {
        return server.port();
    }

    /** A base URL for this tracker; a wildcard bind address is reached through loopback. */
    public URI url() {
        InetAddress bound = server.address().getAddress();
        String host = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : bound.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((https ? "https://" : "http://") + host + ":" + port());
    }

    /** How many agent long-polls are waiting now (for tests and diagnostics). */
    int waitingPolls() {
        return desired.waiting();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeps.shutdownNow();
        server.close();
        apiExecutor.shutdown();
        try {
            if (!apiExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                apiExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            apiExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            // a pass in flight finishes before the store closes under it
            sweeps.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            agents.flushLastSeen();
        } catch (RuntimeException e) {
            log.warn("could not write the agents' last-seen times on close: {}", e.toString());
        }
        store.close();
        log.info("tracker stopped");
    }
}
