package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import murder.cli.demo.SampleRelease;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.core.trust.KeyFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code murder rollback}, {@code murder deploy --release ID} without a path, {@code murder cancel}, an interrupted
 * {@code murder deploy}, and what a deploy shows on a terminal and off it, as real processes against a real tracker
 * and agents.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeployFlowsE2ETest {

    static final int AGENTS = 2;

    @TempDir
    Path tmp;

    MurderProcesses processes;
    String trackerUrl;
    TestAuth auth;
    KeyFiles.Written key;
    TrackerClient client;

    @BeforeEach
    void startTrackerAndAgents() throws Exception {
        SignedCluster cluster = SignedCluster.start(tmp, "cr", AGENTS, "60s");
        processes = cluster.processes();
        trackerUrl = cluster.trackerUrl();
        auth = cluster.auth();
        key = cluster.key();
        client = cluster.client();
    }

    @AfterEach
    void stopEverything() throws Exception {
        processes.close();
    }

    private Path deployRoot(int i) {
        return SignedCluster.deployRoot(tmp, i);
    }

    private Path current(int i) throws Exception {
        return Files.readSymbolicLink(deployRoot(i).resolve("current"));
    }

    private Map<String, String> deployerEnv() {
        return Map.of("MURDER_TOKEN", auth.deployerToken());
    }

    private Process deploy(String logName, Path build, String release, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("deploy"));
        if (build != null) {
            args.add(build.toString());
        }
        args.addAll(List.of("--tracker", trackerUrl, "--release", release, "--tag", "cr", "--timeout", "3m",
                "--key", key.privateKey().toString()));
        args.addAll(List.of(extra));
        return processes.start(deployerEnv(), logName, args.toArray(String[]::new));
    }

    private void deployOk(String logName, Path build, String release) throws Exception {
        Process p = deploy(logName, build, release);
        assertThat(p.waitFor(200, TimeUnit.SECONDS)).as(logName + " finished").isTrue();
        assertThat(p.exitValue()).as(processes.stdout(logName) + processes.stderr(logName)).isZero();
    }

    private long newestDeploymentId() {
        return client.status().deployments().get(0).deployment().id();
    }

    @Test
    void rollbackSwitchesBackFromDiskAndARegisteredReleaseRedeploysWithoutAPath() throws Exception {
        deployOk("deploy-1", SampleRelease.generate(tmp.resolve("b1"), 5_000_000L, 1), "cr-1");
        deployOk("deploy-2", SampleRelease.generate(tmp.resolve("b2"), 5_000_000L, 2), "cr-2");

        int code = processes.run(deployerEnv(), "rollback", 200, "rollback", "--tracker", trackerUrl, "--tag", "cr",
                "--key", key.privateKey().toString());

        String out = processes.stdout("rollback");
        assertThat(code).as(out + processes.stderr("rollback")).isZero();
        assertThat(processes.stderr("rollback")).contains("rolling tag cr back to release cr-1");
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(out).containsPattern("cr-" + i + "\\s+ACTIVE");
            assertThat(current(i)).isEqualTo(Path.of("releases/cr-1"));
            assertThat(processes.stdout("agent-" + i) + processes.stderr("agent-" + i))
                    .contains("release cr-1: unpacked here before, activating it from");
        }

        // the newer release again, by id alone: the tracker has it, the agents keep it unpacked
        Process again = deploy("redeploy", null, "cr-2", "--json");
        assertThat(again.waitFor(200, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(processes.stdout("redeploy") + processes.stderr("redeploy")).isZero();
        assertThat(processes.stderr("redeploy")).contains("release cr-2 is registered: deploying it without seeding");
        var summary = murder.core.json.Json.MAPPER.readTree(processes.stdout("redeploy"));
        assertThat(summary.at("/schemaVersion").asInt()).isEqualTo(1);
        assertThat(summary.at("/ok").asBoolean()).isTrue();
        assertThat(summary.at("/hosts")).hasSize(AGENTS);
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(current(i)).isEqualTo(Path.of("releases/cr-2"));
        }

        // a release the tracker does not have needs its path
        assertThat(processes.run(deployerEnv(), "unknown", 60, "deploy", "--tracker", trackerUrl, "--release",
                "cr-9", "--tag", "cr", "--key", key.privateKey().toString())).isEqualTo(2);
        assertThat(processes.stderr("unknown")).contains("release cr-9 is not registered on the tracker");
    }

    @Test
    void cancelStopsAStalledDeploymentAndAnInterruptedDeployCancelsItsOwn() throws Exception {
        deployOk("deploy-1", SampleRelease.generate(tmp.resolve("b1"), 5_000_000L, 1), "cr-1");

        // the only seeder dies mid-download (kill -9, it leaves the deployment): agents wait for peers
        Process left = deploy("deploy-2", SampleRelease.generate(tmp.resolve("b2"), 60_000_000L, 2), "cr-2",
                "--on-interrupt", "leave");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> newestDeploymentId() == 2);
        left.destroyForcibly();
        assertThat(left.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(processes.run(deployerEnv(), "cancel", 60, "cancel", "2", "--tracker", trackerUrl)).isZero();

        assertThat(processes.stdout("cancel")).contains("deployment 2 of release cr-2 to tag cr: cancelled at");
        // every agent heard of it and abandoned the download: their own report is the last word
        DeploymentStatus cancelled = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.deployment(2), s -> s.hosts().size() == AGENTS && s.hosts().stream()
                        .allMatch(h -> "cancelled by a deployer".equals(h.reason())));
        assertThat(cancelled.hosts()).extracting(HostState::state).containsOnly(HostPhase.FAILED);
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(current(i)).isEqualTo(Path.of("releases/cr-1"));
        }
        // `murder status 2` shows that one deployment, as text and as JSON
        assertThat(processes.run(deployerEnv(), "status-2", 60, "status", "2", "--tracker", trackerUrl)).isZero();
        assertThat(processes.stdout("status-2")).contains("deployment 2: release cr-2 to tag cr, 0/2 ACTIVE")
                .contains("CANCELLED").containsPattern("cr-1\\s+FAILED\\s+\\d+%.*cancelled by a deployer");
        assertThat(processes.run(deployerEnv(), "status-2j", 60, "status", "2", "--json", "--tracker", trackerUrl))
                .isZero();
        var json = murder.core.json.Json.MAPPER.readTree(processes.stdout("status-2j"));
        assertThat(json.at("/deployment/cancelledAt").asText()).isNotBlank();
        assertThat(json.at("/hosts")).hasSize(AGENTS);
        assertThat(processes.run(deployerEnv(), "status-9", 60, "status", "9", "--tracker", trackerUrl)).isEqualTo(2);
        assertThat(processes.stderr("status-9")).contains("unknown deployment 9");

        // SIGTERM to a deploy: it cancels its deployment (the default) and prints the summary so far
        Process interrupted = deploy("deploy-3", SampleRelease.generate(tmp.resolve("b3"), 60_000_000L, 3), "cr-3");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> newestDeploymentId() == 3);
        interrupted.destroy();
        assertThat(interrupted.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(interrupted.exitValue()).isEqualTo(143);
        assertThat(processes.stderr("deploy-3")).contains("interrupted: cancelling deployment 3");
        assertThat(processes.stdout("deploy-3")).contains("deployment 3 of release cr-3 to tag cr: FAILED")
                .contains("interrupted");
        // each agent's last word: ACTIVE if it was activating already, else its own "cancelled" (or, if it never
        // started, the tracker's)
        DeploymentStatus third = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.deployment(3), s -> s.hosts().size() == AGENTS && s.hosts().stream()
                        .allMatch(h -> h.state() == HostPhase.ACTIVE || "cancelled by a deployer".equals(h.reason())
                                || "cancelled by a deployer in PENDING at 0%".equals(h.reason())));
        assertThat(third.deployment().cancelled()).isTrue();
        for (int i = 1; i <= AGENTS; i++) {
            String host = "cr-" + i;
            HostState state = third.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
            // a host that finished before the cancel keeps the new release; any other is back where it was
            if (state.state() == HostPhase.ACTIVE) {
                assertThat(current(i)).isEqualTo(Path.of("releases/cr-3"));
            } else {
                assertThat(state.state()).isEqualTo(HostPhase.FAILED);
                assertThat(state.reason()).startsWith("cancelled by a deployer");
                assertThat(current(i)).isEqualTo(Path.of("releases/cr-1"));
            }
        }
    }

    @Test
    void onATerminalADeployDrawsALiveBarAndOffItPrintsTimestampedSummaries() throws Exception {
        Path build = SampleRelease.generate(tmp.resolve("b1"), 20_000_000L, 1);
        Process onTerminal = processes.startOnTerminal(deployerEnv(), "tty", "deploy", build.toString(), "--tracker",
                trackerUrl, "--release", "cr-tty", "--tag", "cr", "--timeout", "3m", "--key",
                key.privateKey().toString());
        assertThat(onTerminal.waitFor(200, TimeUnit.SECONDS)).isTrue();
        String screen = processes.stdout("tty");
        assertThat(onTerminal.exitValue()).as(screen).isZero();
        // the bar redraws in place (carriage returns), with bytes of the whole fleet and hosts by state
        assertThat(screen).containsPattern("\\rdeploy 1 +\\d+% \\[[=> ]*\\] \\d+/\\d+MB")
                .contains("2/2 ACTIVE").contains("MB/s");
        assertThat(screen).contains("deployment 1 of release cr-tty to tag cr: OK");

        deployOk("logged", SampleRelease.generate(tmp.resolve("b2"), 20_000_000L, 2), "cr-log");
        assertThat(processes.stderr("logged")).containsPattern(
                "(?m)^20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ deployment 2: \\d/2 ACTIVE \\(.*\\); [0-9.]+ of [0-9.]+ MB")
                .doesNotContain("\r");
    }
}
