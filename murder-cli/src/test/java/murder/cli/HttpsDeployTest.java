package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import murder.cli.demo.SampleRelease;
import murder.cli.deploy.DeployRequest;
import murder.cli.deploy.DeployRun;
import murder.cli.deploy.DeploySummary;
import murder.core.bt.BtSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracker over https with a private CA: the control API (Java's HttpClient) and bt's announces (its own Apache
 * HttpClient) both trust the CA given to the clients. Peers are found only through announces (no DHT, PEX or LAN
 * discovery), so a finished deploy shows the announces over https worked.
 */
@Timeout(300)
class HttpsDeployTest {

    static final int AGENTS = 3;

    @TempDir
    Path tmp;

    @Test
    void aSwarmDeploysThroughAnHttpsTracker() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (LocalCluster cluster = new LocalCluster(tmp.resolve("cluster"), AGENTS, "web", true)) {
            assertThat(cluster.tracker.url().getScheme()).isEqualTo("https");
            assertThat(cluster.client.announceUrl()).startsWith("https://");
            Path v1 = SampleRelease.generate(tmp.resolve("v1"), 5_000_000L, 21);

            DeploySummary summary = new DeployRun(cluster.client, new PrintStream(progress, true)).run(
                    new DeployRequest(v1, "v1", "web", Duration.ofMinutes(3), new BtSettings(LocalCluster.LOOPBACK, 0),
                            Files.createDirectories(tmp.resolve("seed")), cluster.signing()));

            assertThat(summary.ok()).as(progress.toString()).isTrue();
            Map<String, String> expected = TreeDigest.of(v1);
            for (int i = 1; i <= AGENTS; i++) {
                Path current = cluster.deployRoot("agent-" + i).resolve("current");
                assertThat(TreeDigest.of(current.toRealPath())).isEqualTo(expected);
            }
            assertThat(summary.seederUploadedBytes()).isPositive();
        }
    }
}
