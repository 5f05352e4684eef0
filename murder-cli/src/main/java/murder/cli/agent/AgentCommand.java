package murder.cli.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import murder.cli.BindOption;
import murder.cli.DaemonRunner;
import murder.cli.Durations;
import murder.cli.TrackerOption;
import murder.core.bt.BtSettings;
import murder.peer.AgentConfig;
import murder.peer.AgentDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run a peer agent until stopped (SIGTERM/SIGINT): it downloads every release deployed to its "
            + "tags, activates it under the deploy root and seeds it to other agents.")
public final class AgentCommand implements Callable<Integer> {

    @Mixin
    TrackerOption tracker;

    @Option(names = "--host", paramLabel = "NAME", description = "This agent's name at the tracker (default: hostname)")
    String host;

    @Option(names = "--tags", required = true, split = ",", paramLabel = "TAG[,TAG]",
            description = "Deployment groups this host belongs to")
    List<String> tags;

    @Option(names = "--deploy-root", required = true, paramLabel = "DIR",
            description = "Where releases/<id> and the `current` symlink live")
    Path deployRoot;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "The agent's own state: downloads, agent-state.json")
    Path dataDir;

    @Option(names = "--port", defaultValue = "6881", paramLabel = "PORT",
            description = "BitTorrent listen port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Mixin
    BindOption bind;

    @Option(names = "--keep", defaultValue = "" + AgentConfig.DEFAULT_KEEP_RELEASES, paramLabel = "N",
            description = "How many unpacked releases to keep (default: ${DEFAULT-VALUE})")
    int keep;

    @Option(names = "--stall-timeout", defaultValue = "60s", converter = Durations.class, paramLabel = "DURATION",
            description = "End a download FAILED after this long without progress, e.g. when the seeder died "
                + "(default: ${DEFAULT-VALUE})")
    Duration stallTimeout;

    @Override
    public Integer call() throws InterruptedException {
        URI trackerUri = tracker.uri();
        InetAddress address = bind.address(trackerUri);
        AgentConfig config = AgentConfig.of(trackerUri, host == null ? hostname() : host, tags, deployRoot, dataDir,
                new BtSettings(address, port)).withKeepReleases(keep)
                .withStallTimeout(stallTimeout);
        AgentDaemon daemon = AgentDaemon.start(config);
        return DaemonRunner.runUntilStopped("agent " + config.host(), daemon);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
