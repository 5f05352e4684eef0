package murder.cli.tracker;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import murder.cli.DaemonRunner;
import murder.core.MurderException;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
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

    @Override
    public Integer call() throws InterruptedException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw MurderException.badInput("--tls-cert and --tls-key go together: give both (or neither for http)");
        }
        AuthSettings auth = new AuthSettings(deployerTokens, agentSecrets, openReads, noAuth);
        TrackerConfig config = TrackerConfig.defaults(dataDir).withPort(port).withBindAddress(bind)
                .withTrustPeerIp(trustPeerIp).withAuth(auth)
                .withTls(tlsCert == null ? null : new TlsFiles(tlsCert, tlsKey));
        TrackerDaemon daemon = TrackerDaemon.start(config);
        return DaemonRunner.runUntilStopped("tracker", daemon);
    }
}
