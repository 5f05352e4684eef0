package murder.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import murder.cli.WorkDir;
import murder.cli.deploy.DeployRequest;
import murder.cli.deploy.DeployRun;
import murder.cli.deploy.DeploySummary;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import murder.core.client.TrackerAccess;
import murder.core.client.TrackerClient;
import murder.peer.AgentConfig;
import murder.peer.AgentDaemon;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Deploy a generated release to local agents through a real BitTorrent swarm on 127.0.0.1: "
            + "starts a tracker and the agents in temporary directories, deploys, shows where each `current` "
            + "points, and cleans up.")
public final class DemoCommand implements Callable<Integer> {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Option(names = "--agents", defaultValue = "5", description = "Number of agents (default: ${DEFAULT-VALUE})")
    int agents;

    @Option(names = "--size-mb", defaultValue = "40", description = "Release size in MB (default: ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--keep-files", description = "Keep the temporary directory instead of deleting it")
    boolean keepFiles;

    @Option(names = "--verbose", description = "Show the tracker's and agents' logs")
    boolean verbose;

    @Option(names = "--insecure", description = "Lab mode: deploy unsigned and run the tracker without tokens (by "
            + "default the demo signs with a throwaway key its agents trust, and uses throwaway tokens)")
    boolean insecure;

    @Override
    public Integer call() throws IOException {
        if (agents < 1 || agents > 50 || sizeMb < 1 || sizeMb > 4096) {
            throw MurderException.badInput("--agents must be 1..50 and --size-mb 1..4096");
        }
        if (!verbose) {
            ((Logger) LoggerFactory.getLogger("murder")).setLevel(Level.WARN);
        }
        PrintStream out = System.out;
        Path root = Files.createTempDirectory("murder-demo-");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            DemoTokens tokens = insecure ? null : DemoTokens.create(root.resolve("auth"));
            TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(root.resolve("tracker"))
                    .withBindAddress(LOOPBACK.getHostAddress()).withPort(0)
                    .withAuth(tokens == null ? AuthSettings.NO_AUTH : tokens.settings()));
            started.add(tracker);
            out.printf("tracker   %s (data in %s, %s)%n", tracker.url(), root.resolve("tracker"),
                    tokens == null ? "no auth: --insecure" : "tokens in " + root.resolve("auth"));
            DemoSigning signing = insecure ? DemoSigning.insecure() : DemoSigning.throwaway(root.resolve("keys"));
            out.println(signing.describe());
            List<Path> deployRoots = new ArrayList<>();
            for (int i = 1; i <= agents; i++) {
                Path home = root.resolve("agent-" + i);
                AgentDaemon agent = AgentDaemon.start(AgentConfig.of(tracker.url(), "demo-" + i, List.of("demo"),
                        home.resolve("deploy"), home.resolve("data"), new BtSettings(LOOPBACK, 0))
                        .withTrust(signing.agentTrust())
                        .withTrackerAccess(tokens == null ? TrackerAccess.NONE : tokens.agent("demo-" + i)));
                started.add(agent);
                deployRoots.add(home.resolve("deploy"));
                out.printf("agent     demo-%d, deploy root %s, BitTorrent port %d%n", i, home.resolve("deploy"),
                        agent.btPort());
            }
            TrackerClient client = new TrackerClient(tracker.url(),
                    tokens == null ? TrackerAccess.NONE : tokens.deployer());
            AgentWait.untilAlive(client, agents, Duration.ofSeconds(30));

            Path release = SampleRelease.generate(root.resolve("build"), sizeMb * 1_000_000L, 42);
            out.printf("release   demo-1: %d MB generated in %s%n%n", sizeMb, release);
            DeploySummary summary = new DeployRun(client, out).run(new DeployRequest(release, "demo-1", "demo",
                    Duration.ofMinutes(5), new BtSettings(LOOPBACK, 0), Files.createDirectories(root.resolve("seed")),
                    signing.deploySigning()));

            out.println();
            out.printf(Locale.ROOT, "%-8s %-8s %7s  %s%n", "HOST", "STATE", "TIME", "CURRENT");
            for (int i = 0; i < summary.hosts().size(); i++) {
                DeploySummary.HostResult host = summary.hosts().get(i);
                Path current = deployRoots.get(Integer.parseInt(host.host().substring(5)) - 1).resolve("current");
                String target = Files.isSymbolicLink(current)
                        ? current + " -> " + Files.readSymbolicLink(current) : "(no current)";
                out.printf(Locale.ROOT, "%-8s %-8s %6.1fs  %s%n", host.host(), host.state(), host.seconds(), target);
            }
            long delivered = summary.releaseBytes() * summary.hosts().size();
            out.printf(Locale.ROOT, "%n%s: %d host(s) in %.1f s; the seeder uploaded %.0f%% of the %.0f MB delivered, "
                    + "the agents shared the rest%n", summary.ok() ? "OK" : "FAILED", summary.hosts().size(),
                    summary.elapsedMs() / 1000.0, 100.0 * summary.seederUploadedBytes() / Math.max(1, delivered),
                    delivered / 1e6);
            return summary.ok() ? 0 : MurderException.Kind.FAILED.exitCode;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    LoggerFactory.getLogger(DemoCommand.class).warn("demo: closing {} failed: {}", started.get(i), e);
                }
            }
            if (keepFiles) {
                out.println("files kept in " + root);
            } else {
                WorkDir.deleteTree(root);
            }
        }
    }
}
