package murder.peer;

import murder.core.swarm.SwarmEngine;
import murder.core.swarm.SwarmEngines;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import murder.core.MurderException;
import murder.core.client.TrackerClient;
import murder.peer.activate.DeployRoot;
import murder.peer.deploy.DeployWorker;
import murder.peer.deploy.DeploymentTrust;
import murder.peer.deploy.Deployer;
import murder.peer.deploy.ReportSink;
import murder.peer.metrics.AgentHealth;
import murder.peer.metrics.AgentMetrics;
import murder.peer.metrics.AgentMetricsServer;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import murder.peer.swarm.SwarmTarballSource;
import murder.peer.swarm.Swarms;
import murder.peer.tracker.DesiredPoller;
import murder.peer.tracker.Heartbeater;
import murder.peer.tracker.ReportOutbox;
import murder.peer.tracker.TrackerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: heartbeats, long-polls the tracker for the release this host should run, downloads it from the swarm,
 * verifies, unpacks and activates it, reports every step, and keeps seeding the active release. Wired by hand;
 * closes its parts in reverse order (loops, deployments, metrics port, reports, torrents, swarm engine).
 *
 * <p>An unwritable deploy root or data dir does not stop the agent: the deployment is reported FAILED with the
 * path and what to do, and the agent keeps heartbeating until a newer deployment arrives.
 */
public final class AgentDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentDaemon.class);

    private final AgentConfig config;
    private final SwarmEngine engine;
    private final DeployRoot deployRoot;
    private final Deque<AutoCloseable> parts;
    private final AgentMetricsServer metricsServer;

    private AgentDaemon(AgentConfig config, SwarmEngine engine, DeployRoot deployRoot, Deque<AutoCloseable> parts,
                        AgentMetricsServer metricsServer) {
        this.config = config;
        this.engine = engine;
        this.deployRoot = deployRoot;
        this.parts = parts;
        this.metricsServer = metricsServer;
    }

    public static AgentDaemon start(AgentConfig config) {
        requireSomethingTrusted(config);
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        SwarmEngine engine = SwarmEngines.start(config.bt(), config.trackerAccess().tls());
        parts.push(engine::close);
        try {
            DataDir data = new DataDir(config.dataDir());
            DeployRoot root = new DeployRoot(config.deployRoot());
            AgentStateStore state = AgentStateStore.open(data.stateFile());
            TrackerLink link = new TrackerLink(new TrackerClient(config.trackerUrl(), config.trackerAccess()),
                    config.host());
            Swarms swarms = push(parts, new Swarms(engine));
            ReportOutbox outbox = push(parts, new ReportOutbox(link).start());
            AgentMetrics metrics = new AgentMetrics(swarms::transferred, root::currentRelease, outbox::pendingCount);
            ReportSink reports = metrics.observing(outbox);
            // before the loops: a metrics port that cannot be bound stops the agent before it registers at the tracker
            AgentMetricsServer metricsServer = config.metricsAddress() == null ? null
                    : push(parts, AgentMetricsServer.start(config.metricsAddress(), metrics, () -> new AgentHealth("ok",
                            config.host(), root.currentRelease().orElse(null), !link.isDown())));
            if (metricsServer != null) {
                log.info("agent {} serves /metrics and /health on {}:{}", config.host(),
                        metricsServer.address().getHostString(), metricsServer.port());
            }
            SwarmTarballSource source = new SwarmTarballSource(link, swarms, data, config.stallTimeout());
            Deployer deployer = new Deployer(root, data, state, reports, source, config.keepReleases(),
                    new DeploymentTrust(config.trust(), config.tags()), config.unpackLimits(), config.hooks());
            DeployWorker worker = push(parts, new DeployWorker(deployer, reports).start());
            int btPort = engine.port();
            Heartbeater heartbeater = push(parts, new Heartbeater(link, config.tags(), btPort, root::currentRelease,
                    config.heartbeatInterval(), () -> outbox.deliveredWithin(config.heartbeatInterval())).start());
            push(parts, new DesiredPoller(link, heartbeater, config.longPollWait(), worker::submit).start());
            log.info("agent {} started: tags {}, tracker {}, deploy root {}, data dir {}, BitTorrent {}:{} ({} engine), active {}",
                    config.host(), config.tags(), config.trackerUrl(), root.root(), data.root(),
                    config.bt().address().getHostAddress(), btPort, config.bt().engine(), root.currentRelease().orElse("none"));
            return new AgentDaemon(config, engine, root, parts, metricsServer);
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    /** An agent that trusts no key would refuse every deployment: better to say so at once and not start. */
    private static void requireSomethingTrusted(AgentConfig config) {
        if (config.trust().trustsNothing()) {
            throw MurderException.badInput("agent " + config.host() + " trusts no signing key, so it would refuse "
                    + "every deployment: on the release host run `murder keygen --out release`, copy release.pub "
                    + "here and start the agent with --trust release.pub (or --allow-unsigned, lab only)");
        }
        if (config.trust().allowUnsigned()) {
            log.warn("agent {} accepts UNSIGNED deployments (--allow-unsigned): anyone who can reach the tracker "
                    + "can run code here; use --trust KEY.pub outside a lab", config.host());
        } else {
            log.info("agent {} accepts deployments signed by key(s) {}", config.host(), config.trust().keys().keyids());
        }
    }

    public AgentConfig config() {
        return config;
    }

    /** The BitTorrent port this agent listens on (the chosen one if the config said 0). */
    public int btPort() {
        return engine.port();
    }

    /** The port of {@code /metrics} and {@code /health} (the chosen one if the config said 0), if served. */
    public Optional<Integer> metricsPort() {
        return Optional.ofNullable(metricsServer).map(AgentMetricsServer::port);
    }

    /** The release {@code current} points to, read from disk. */
    public Optional<String> activeRelease() {
        return deployRoot.currentRelease();
    }

    @Override
    public void close() {
        closeAll(parts);
        log.info("agent {} stopped", config.host());
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> parts, T part) {
        parts.push(part);
        return part;
    }

    /** Reverse order of start: poll, heartbeat, deployments, reports, torrents (waits for stopped), engine. */
    private static void closeAll(Deque<AutoCloseable> parts) {
        synchronized (parts) {
            while (!parts.isEmpty()) {
                AutoCloseable part = parts.pop();
                try {
                    part.close();
                } catch (Exception e) {
                    log.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
