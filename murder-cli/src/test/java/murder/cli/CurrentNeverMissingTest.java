package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import murder.cli.demo.SampleRelease;
import murder.cli.deploy.DeployRequest;
import murder.cli.deploy.DeployRun;
import murder.cli.deploy.DeploySummary;
import murder.core.bt.BtSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on a host may read {@code current} at any moment: while deploys follow each other, a watcher looks
 * at every agent's link about every millisecond and must never find it missing, dangling, pointing elsewhere than
 * {@code releases/<id>}, or leading to a directory without that release's files.
 */
@Timeout(180)
class CurrentNeverMissingTest {

    static final int AGENTS = 3;
    static final int DEPLOYS = 5;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @Test
    void currentIsAlwaysAWholeReleaseAcrossConsecutiveDeploys() throws Exception {
        try (LocalCluster cluster = new LocalCluster(tmp.resolve("cluster"), AGENTS, "watch")) {
            List<Path> roots = new ArrayList<>();
            for (int i = 1; i <= AGENTS; i++) {
                roots.add(cluster.deployRoot("agent-" + i));
            }
            List<String> releases = new ArrayList<>();
            CurrentLinkWatcher watcher = new CurrentLinkWatcher(roots);
            try {
                for (int n = 1; n <= DEPLOYS; n++) {
                    String id = "w" + n;
                    releases.add(id);
                    Path source = SampleRelease.generate(tmp.resolve(id), 1_000_000L, n);
                    Files.writeString(source.resolve(CurrentLinkWatcher.MARKER), id + "\n");

                    DeploySummary summary = deploy(cluster, source, id);

                    assertThat(summary.ok()).as("deploy %s: %s", id, progress).isTrue();
                    assertThat(summary.hosts()).hasSize(AGENTS)
                            .allSatisfy(h -> assertThat(h.state()).isEqualTo("ACTIVE"));
                }
            } finally {
                watcher.close();
            }

            assertThat(watcher.anomalies()).as("moments current was not a whole release").isEmpty();
            // the watcher really looked: every release was seen whole on every agent, in deploy order
            assertThat(watcher.releasesSeen()).hasSize(AGENTS)
                    .allSatisfy((root, seen) -> assertThat(seen).as(root.toString()).containsExactlyElementsOf(releases));
            assertThat(watcher.samples()).isGreaterThan(DEPLOYS * 10L);
        }
    }

    private DeploySummary deploy(LocalCluster cluster, Path source, String release) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("seed-" + release));
        DeployRequest request = new DeployRequest(source, release, "watch", Duration.ofMinutes(2),
                new BtSettings(LocalCluster.LOOPBACK, 0), work, cluster.signing());
        return new DeployRun(cluster.client, new PrintStream(progress, true)).run(request);
    }
}
