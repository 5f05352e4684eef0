package murder.cli.tracker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import murder.cli.DaemonRunner;
import murder.cli.Durations;
import murder.cli.Ports;
import murder.core.MurderException;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import murder.tracker.http.ConnectionLimits;
import murder.tracker.http.TlsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tracker", mixinStandardHelpOptions = true,
        description = "Run the tracker (BitTorrent announce/scrape + control API) until stopped (SIGTERM/SIGINT).")
public final class TrackerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "" + TrackerConfig.DEFAULT_PORT, paramLabel = "PORT",
            description = "HTTP port for agents, deploys and BitTorrent clients (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Where the tracker keeps its SQLite database (releases, deployments, host states)")
    Path dataDir;

    @Option(names = "--bind", defaultValue = TrackerConfig.DEFAULT_BIND_ADDRESS, paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, all interfaces)")
    String bind;

    @Option(names = "--trust-peer-ip",
            description = "Hand out the `ip` a BitTorrent client announces instead of its connection's source address "
                + "(only behind NAT or proxies you control)")
    boolean trustPeerIp;

    @Option(names = "--max-connections-per-source", paramLabel = "N",
            defaultValue = "" + ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_SOURCE,
            description = "Open connections one source address may hold; more are closed at once "
                + "(default: ${DEFAULT-VALUE}; raise it for many agents behind one NAT address)")
    int maxConnectionsPerSource;

    @Option(names = "--request-deadline", paramLabel = "DURATION", converter = Durations.class,
            defaultValue = "10s",
            description = "A request must arrive whole within this long of its first byte, else 408 and close "
                + "(default: ${DEFAULT-VALUE}), e.g. 5s, 30s")
    Duration requestDeadline;

    @Option(names = "--deployer-tokens", paramLabel = "FILE",
            description = "Tokens that may register releases and create deployments, one per line (mode 0600; "
                + "make one with `murder token new`)")
    Path deployerTokens;

    @Option(names = "--agent-secrets", paramLabel = "FILE",
            description = "Secrets agent tokens are derived from, one per line (mode 0600; `murder token agent` "
                + "makes a host's token)")
    Path agentSecrets;

    @Option(names = "--open-reads", description = "Let anyone read status, releases, deployments and agents")
    boolean openReads;

    @Option(names = "--no-auth", description = "LAB ONLY: no tokens at all; anyone can deploy and pose as any agent")
    boolean noAuth;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve https with this certificate (chain)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's key, unencrypted PKCS#8 PEM")
    Path tlsKey;

    @Option(names = "--deployment-timeout", paramLabel = "DURATION", converter = Durations.class,
            defaultValue = "30m",
            description = "Deadline of a deployment created without one (`murder deploy` sends its --timeout): "
                + "hosts not ACTIVE, FAILED or REJECTED by then are marked FAILED (default: ${DEFAULT-VALUE})")
    Duration deploymentTimeout;

    @Option(names = "--agent-expiry", paramLabel = "DURATION", converter = Durations.class, defaultValue = "24h",
            description = "Deregister agents not seen for this long; one that comes back registers again with its "
                + "next heartbeat (default: ${DEFAULT-VALUE})")
    Duration agentExpiry;

    @Option(names = "--keep-deployments", paramLabel = "N",
            defaultValue = "" + TrackerConfig.DEFAULT_KEEP_DEPLOYMENTS,
            description = "Deployments kept per tag, the newest ones; older ones and their host states are deleted "
                + "(default: ${DEFAULT-VALUE})")
    int keepDeployments;

    @Override
    public Integer call() throws InterruptedException {
        Ports.require(port, "--port");
        if ((tlsCert == null) != (tlsKey == null)) {
            throw MurderException.badInput("--tls-cert and --tls-key go together: give both (or neither for http)");
        }
        if (maxConnectionsPerSource < 1) {
            throw MurderException.badInput("--max-connections-per-source must be at least 1, got "
                    + maxConnectionsPerSource);
        }
        if (keepDeployments < 1) {
            throw MurderException.badInput("--keep-deployments must be at least 1, got " + keepDeployments);
        }
        if (agentExpiry.compareTo(TrackerConfig.DEFAULT_AGENT_TIMEOUT) <= 0) {
            throw MurderException.badInput("--agent-expiry must be longer than " + TrackerConfig.DEFAULT_AGENT_TIMEOUT
                    .toSeconds() + " s (agents younger than that are alive), got " + agentExpiry.toSeconds() + " s");
        }
        if (deploymentTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw MurderException.badInput("--deployment-timeout must be at least 1s");
        }
        TrackerConfig config = TrackerConfig.defaults(dataDir).withPort(port).withBindAddress(bind)
                .withTrustPeerIp(trustPeerIp).withDeploymentTimeout(deploymentTimeout).withAgentExpiry(agentExpiry)
                .withKeepDeployments(keepDeployments)
                .withAuth(new AuthSettings(deployerTokens, agentSecrets, openReads, noAuth))
                .withLimits(ConnectionLimits.defaults().withMaxConnectionsPerSource(maxConnectionsPerSource)
                        .withRequestDeadline(requestDeadline))
                .withTls(tlsCert == null ? null : new TlsFiles(tlsCert, tlsKey));
        TrackerDaemon daemon = TrackerDaemon.start(config);
        return DaemonRunner.runUntilStopped("tracker", daemon);
    }
}
