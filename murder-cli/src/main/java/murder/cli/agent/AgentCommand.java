package murder.cli.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import murder.cli.AccessOptions;
import murder.cli.BindOption;
import murder.cli.DaemonRunner;
import murder.cli.Durations;
import murder.cli.Ports;
import murder.cli.TrackerOption;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import murder.core.bt.LocalAddress;
import murder.core.client.TrackerAccess;
import murder.core.files.WritableDirectory;
import murder.core.tarball.ByteSizes;
import murder.core.tarball.UnpackLimits;
import murder.core.trust.TrustPolicy;
import murder.core.trust.TrustedKeys;
import murder.peer.AgentConfig;
import murder.peer.AgentDaemon;
import murder.peer.hooks.Hooks;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run a peer agent until stopped (SIGTERM/SIGINT): it downloads every release deployed to its "
            + "tags, activates it under the deploy root and seeds it to other agents.")
public final class AgentCommand implements Callable<Integer> {

    @Mixin
    TrackerOption tracker;

    @Mixin
    AccessOptions access;

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

    @Option(names = "--trust", split = ",", paramLabel = "FILE", description = "Accept deployments signed by this "
            + "public key (PEM, a .pub from `murder keygen`); repeat it (or a,b) to trust several keys while rotating")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Lab only: also accept deployments without a signature")
    boolean allowUnsigned;

    @Option(names = "--max-release-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest unpacked release, and largest single file, e.g. 64g (default: 32g for a release, "
                + "16g for one file)")
    Long maxReleaseSize;

    @Option(names = "--max-files", paramLabel = "N",
            description = "Most files, directories and symlinks in one release (default: "
                + UnpackLimits.DEFAULT_MAX_ENTRIES + ")")
    Integer maxFiles;

    @Option(names = "--max-expansion", paramLabel = "RATIO",
            description = "A release may unpack to at most RATIO times its tarball's size, which stops gzip bombs "
                + "(default: " + UnpackLimits.DEFAULT_MAX_EXPANSION_RATIO + "; never binds below 64 MiB)")
    Integer maxExpansion;

    @Option(names = "--stall-timeout", defaultValue = "60s", converter = Durations.class, paramLabel = "DURATION",
            description = "End a download FAILED after this long without progress, e.g. when the seeder died "
                + "(default: ${DEFAULT-VALUE})")
    Duration stallTimeout;

    @Option(names = "--after-stage", paramLabel = "COMMAND",
            description = "Shell command run in the unpacked release before `current` moves to it (e.g. a config "
                + "check); failing, the host is FAILED and `current` stays. Env: MURDER_RELEASE, MURDER_RELEASE_DIR, "
                + "MURDER_PREVIOUS_RELEASE, MURDER_DEPLOY_ROOT, MURDER_DEPLOYMENT_ID")
    String afterStage;

    @Option(names = "--after-activate", paramLabel = "COMMAND",
            description = "Shell command run in the deploy root after `current` moved (e.g. restart the service and "
                + "check its health); failing, `current` goes back to the previous release, the command runs again "
                + "for it, and the host is FAILED with the command's output")
    String afterActivate;

    @Option(names = "--hook-timeout", defaultValue = "60s", converter = Durations.class, paramLabel = "DURATION",
            description = "How long each hook may run before it and its children are killed (default: "
                + "${DEFAULT-VALUE})")
    Duration hookTimeout;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus /metrics and /health on this port (default: off; no token, so keep it "
                + "on loopback or a monitoring network)")
    Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS",
            description = "Address of the metrics port (default: 127.0.0.1; 0.0.0.0 for all interfaces)")
    String metricsBind;

    @Override
    public Integer call() throws InterruptedException {
        URI trackerUri = tracker.uri();
        Ports.require(port, "--port");
        TrackerAccess credentials = access.access(); // read once: a later change of the file needs a restart
        // found now rather than as a failed deploy on this host later
        WritableDirectory.require(dataDir, "--data-dir");
        WritableDirectory.require(deployRoot, "--deploy-root");
        InetAddress address = bind.address(trackerUri);
        AgentConfig config = AgentConfig.of(trackerUri, host == null ? hostname() : host, tags, deployRoot, dataDir,
                new BtSettings(address, port, bind.engine())).withKeepReleases(keep)
                .withTrust(new TrustPolicy(TrustedKeys.load(trust), allowUnsigned))
                .withUnpackLimits(unpackLimits())
                .withTrackerAccess(credentials)
                .withStallTimeout(stallTimeout)
                .withMetricsAddress(metricsAddress())
                .withHooks(hooks());
        if (credentials.token() == null) {
            LoggerFactory.getLogger(AgentCommand.class).warn("agent {}: no token (--token-file, {} or {}); only a "
                    + "tracker run with --no-auth will accept it", config.host(), AccessOptions.TOKEN_FILE_ENV,
                    AccessOptions.TOKEN_ENV);
        }
        AgentDaemon daemon = AgentDaemon.start(config);
        return DaemonRunner.runUntilStopped("agent " + config.host(), daemon);
    }

    Hooks hooks() {
        return new Hooks(afterStage, afterActivate, hookTimeout);
    }

    /** Where to serve the agent's metrics, or null when --metrics-port is not given. */
    InetSocketAddress metricsAddress() {
        if (metricsPort == null) {
            if (metricsBind != null) {
                throw MurderException.badInput("--metrics-bind " + metricsBind + " needs --metrics-port PORT too "
                        + "(metrics are off without a port)");
            }
            return null;
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw MurderException.badInput("--metrics-port must be a port (1-65535; 0 picks a free one), got "
                    + metricsPort);
        }
        return new InetSocketAddress(LocalAddress.parse(metricsBind == null ? "127.0.0.1" : metricsBind), metricsPort);
    }

    UnpackLimits unpackLimits() {
        UnpackLimits limits = UnpackLimits.defaults();
        if (maxReleaseSize != null) {
            limits = limits.withMaxReleaseBytes(maxReleaseSize).withMaxFileBytes(maxReleaseSize);
        }
        if (maxFiles != null) {
            limits = limits.withMaxEntries(maxFiles);
        }
        if (maxExpansion != null) {
            limits = limits.withMaxExpansionRatio(maxExpansion);
        }
        return limits;
    }

    /** {@code 32g}, {@code 512m}, plain bytes. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return ByteSizes.parse(value);
            } catch (MurderException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
