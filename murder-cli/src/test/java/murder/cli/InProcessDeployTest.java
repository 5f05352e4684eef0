package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import murder.cli.demo.SampleRelease;
import murder.cli.deploy.DeployRequest;
import murder.cli.deploy.DeployRun;
import murder.cli.deploy.DeploySummary;
import murder.core.api.HostPhase;
import murder.core.bt.BtSettings;
import murder.seeder.ReleasePacker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tracker + 5 agents + seeder in this JVM on 127.0.0.1, deploying real tarballs through a real bt swarm. */
@Timeout(300)
class InProcessDeployTest {

    static final int AGENTS = 5;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @Test
    void everyAgentEndsUpOnIdenticalContentAndASecondDeploySwapsThemAll() throws Exception {
        try (LocalCluster cluster = new LocalCluster(tmp.resolve("cluster"), AGENTS, "web")) {
            Path v1 = SampleRelease.generate(tmp.resolve("v1"), 50_000_000L, 1);
            DeploySummary first = deploy(cluster, v1, "v1", "web");

            assertThat(first.ok()).as(progress.toString()).isTrue();
            assertThat(first.hosts()).hasSize(AGENTS).allSatisfy(h -> assertThat(h.state()).isEqualTo("ACTIVE"));
            Map<String, String> expected = TreeDigest.of(v1);
            assertThat(expected).containsKey("bin/start.sh").containsEntry("lib/current.jar", "link app-0.jar");
            for (int i = 1; i <= AGENTS; i++) {
                Path current = cluster.deployRoot("agent-" + i).resolve("current");
                assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("releases/v1"));
                assertThat(TreeDigest.of(current.toRealPath())).isEqualTo(expected);
            }
            // agents shared with each other: the seeder did not send every byte to every host
            assertThat(first.seederUploadedBytes()).isLessThan(first.releaseBytes() * AGENTS);

            Path v2 = SampleRelease.generate(tmp.resolve("v2"), 5_000_000L, 2);
            DeploySummary second = deploy(cluster, v2, "v2", "web");

            assertThat(second.ok()).as(progress.toString()).isTrue();
            Map<String, String> expected2 = TreeDigest.of(v2);
            for (int i = 1; i <= AGENTS; i++) {
                Path root = cluster.deployRoot("agent-" + i);
                assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("releases/v2"));
                assertThat(TreeDigest.of(root.resolve("current").toRealPath())).isEqualTo(expected2);
                assertThat(root.resolve("releases/v1")).isDirectory(); // kept for rollback
            }
        }
    }

    @Test
    void anAgentThatCannotWriteItsDeployRootFailsAndTheDeployNamesIt() throws Exception {
        try (LocalCluster cluster = new LocalCluster(tmp.resolve("cluster"), 1, "api")) {
            // a deploy root below a regular file cannot be created, even by root
            Path blocker = Files.writeString(tmp.resolve("blocker"), "not a directory");
            cluster.addAgent("broken", "api", blocker.resolve("deploy"));
            murder.cli.demo.AgentWait.untilAlive(cluster.client, 2, Duration.ofSeconds(30));

            Path v1 = SampleRelease.generate(tmp.resolve("v1"), 1_000_000L, 3);
            DeploySummary summary = deploy(cluster, v1, "v1", "api");

            assertThat(summary.ok()).isFalse();
            assertThat(summary.failedHosts()).containsExactly("broken");
            DeploySummary.HostResult broken = summary.hosts().stream()
                    .filter(h -> h.host().equals("broken")).findFirst().orElseThrow();
            assertThat(broken.state()).isEqualTo(HostPhase.FAILED.name());
            assertThat(broken.reason()).contains(blocker.toString());
            assertThat(summary.message()).contains("1 of 2 host(s) not ACTIVE: broken");
            assertThat(Files.readSymbolicLink(cluster.deployRoot("agent-1").resolve("current")))
                    .isEqualTo(Path.of("releases/v1"));
        }
    }

    @Test
    void anAgentResumesFromWhatItAlreadyHasOnDisk() throws Exception {
        try (LocalCluster cluster = new LocalCluster(tmp.resolve("cluster"), 1, "db")) {
            Path v1 = SampleRelease.generate(tmp.resolve("v1"), 20_000_000L, 4);
            // what an agent stopped mid-download leaves behind: the first 60% of the tarball, the rest not yet there
            Path packed = ReleasePacker.prepare(v1, "v1", Files.createDirectories(tmp.resolve("pack")),
                    cluster.client.announceUrl()).tarball();
            byte[] tarball = Files.readAllBytes(packed);
            byte[] partial = new byte[tarball.length];
            System.arraycopy(tarball, 0, partial, 0, tarball.length * 6 / 10);
            Path download = Files.createDirectories(tmp.resolve("cluster/agent-1/data/downloads/v1"));
            Files.write(download.resolve("v1.tar.gz"), partial);

            DeploySummary summary = deploy(cluster, v1, "v1", "db");

            assertThat(summary.ok()).as(progress.toString()).isTrue();
            assertThat(TreeDigest.of(cluster.deployRoot("agent-1").resolve("current").toRealPath()))
                    .isEqualTo(TreeDigest.of(v1));
            // the seeder, the only source, sent about the missing 40%, not the whole tarball again
            assertThat(summary.seederUploadedBytes()).isGreaterThan(0).isLessThan(tarball.length * 6L / 10);
        }
    }

    private DeploySummary deploy(LocalCluster cluster, Path source, String release, String tag) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("seed-" + release));
        DeployRequest request = new DeployRequest(source, release, tag, Duration.ofMinutes(3),
                new BtSettings(LocalCluster.LOOPBACK, 0), work, cluster.signing());
        return new DeployRun(cluster.client, new PrintStream(progress, true)).run(request);
    }
}
