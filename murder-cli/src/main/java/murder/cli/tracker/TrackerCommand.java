package murder.cli.tracker;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import murder.cli.DaemonRunner;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
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

    @Override
    public Integer call() throws InterruptedException {
        TrackerConfig config = TrackerConfig.defaults(dataDir).withPort(port).withBindAddress(bind)
                .withTrustPeerIp(trustPeerIp);
        TrackerDaemon daemon = TrackerDaemon.start(config);
        return DaemonRunner.runUntilStopped("tracker", daemon);
    }
}
