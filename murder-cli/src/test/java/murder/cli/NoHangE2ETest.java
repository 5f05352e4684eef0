package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import murder.cli.demo.SampleRelease;
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
 * The faults a new user hits first, as real processes: the only seeder killed with {@code kill -9} mid-deploy, the
 * same release deployed again, the same tarball under a new release id. Agents run with a 20 s stall timeout
 * (generous: on a loaded 2-core machine a healthy download can pause for seconds).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NoHangE2ETest {

    static final int AGENTS = 3;

    @TempDir
    Path tmp;

    MurderProcesses processes;
    String trackerUrl;
    TestAuth auth;
    KeyFiles.Written key;
    TrackerClient client;
    Path deployTmp;

    @BeforeEach
    void startTrackerAndAgents() throws Exception {
        SignedCluster cluster = SignedCluster.start(tmp, "nh", AGENTS, "20s");
        processes = cluster.processes();
        trackerUrl = cluster.trackerUrl();
        auth = cluster.auth();
        key = cluster.key();
        client = cluster.client();
        deployTmp = Files.createDirectories(tmp.resolve("deploy-tmp"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        processes.close();
    }

    private Path deployRoot(int i) {
        return SignedCluster.deployRoot(tmp, i);
    }

    private Process startDeploy(String logName, Path build, String releaseId) throws Exception {
        return processes.start(Map.of("MURDER_TOKEN", auth.deployerToken()), logName,
                List.of("-Djava.io.tmpdir=" + deployTmp), "deploy", build.toString(), "--tracker", trackerUrl,
                "--release", releaseId, "--tag", "nh", "--timeout", "3m", "--key", key.privateKey().toString());
    }

    private int finish(String logName, Process deploy) throws Exception {
        assertThat(deploy.waitFor(200, TimeUnit.SECONDS)).as(logName + " finished in time").isTrue();
        return deploy.exitValue();
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> dirs = Files.list(deployTmp)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("murder-deploy-")).toList();
        }
    }

    @Test
    void aKilledSeederFailsEveryAgentOnTheStallTimeoutAndTheSameReleaseCanBeDeployedAgain() throws Exception {
        Path build = SampleRelease.generate(tmp.resolve("build"), 60_000_000L, 5);
        Process first = startDeploy("deploy-1", build, "nh-1");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> !client.status().deployments().isEmpty());
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no stopped announce
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> client.deployment(1).hosts().stream().filter(h -> h.state() == HostPhase.FAILED)
                        .count() == AGENTS);
        for (HostState host : client.deployment(1).hosts()) {
            assertThat(host.reason()).as(host.host()).startsWith("no progress for 20 s at ")
                    .endsWith("is the seeder still running? redeploy to retry");
        }
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(deployRoot(i).resolve("current")).doesNotExist();
        }
        assertThat(leftovers()).as("kill -9 leaves the deploy's temp dir").hasSize(1);

        Process second = startDeploy("deploy-2", build, "nh-1");
        int code = finish("deploy-2", second);
        String out = processes.stdout("deploy-2");
        assertThat(code).as(out + processes.stderr("deploy-2")).isZero();
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(out).containsPattern("nh-" + i + "\\s+ACTIVE");
            assertThat(Files.readSymbolicLink(deployRoot(i).resolve("current"))).isEqualTo(Path.of("releases/nh-1"));
        }
        assertThat(leftovers()).as("the next deploy removed the stale temp dir, and its own").isEmpty();
    }

    @Test
    void aDeployStoppedWithSigtermRemovesItsTempDir() throws Exception {
        Path build = SampleRelease.generate(tmp.resolve("build"), 20_000_000L, 7);
        Process deploy = startDeploy("deploy-term", build, "nh-term");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> !client.status().deployments().isEmpty());
        assertThat(leftovers()).hasSize(1);

        deploy.destroy(); // SIGTERM: the shutdown hook removes the packed tarball

        assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void theSameTarballUnderANewReleaseIdWhileAgentsSeedTheOldOneEndsActive() throws Exception {
        Path tarball = tmp.resolve("app.tar.gz");
        murder.core.tarball.TarballPacker.pack(SampleRelease.generate(tmp.resolve("build"), 5_000_000L, 6), tarball);
        assertThat(finish("deploy-a", startDeploy("deploy-a", tarball, "nh-a")))
                .as(processes.stdout("deploy-a") + processes.stderr("deploy-a")).isZero();

        int code = finish("deploy-b", startDeploy("deploy-b", tarball, "nh-b"));

        String out = processes.stdout("deploy-b");
        assertThat(code).as(out + processes.stderr("deploy-b")).isZero();
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(out).containsPattern("nh-" + i + "\\s+ACTIVE");
            assertThat(Files.readSymbolicLink(deployRoot(i).resolve("current"))).isEqualTo(Path.of("releases/nh-b"));
        }
        assertThat(leftovers()).isEmpty();
    }
}
