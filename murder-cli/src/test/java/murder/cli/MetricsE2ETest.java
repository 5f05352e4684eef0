package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import murder.cli.demo.SampleRelease;
import murder.core.auth.SecretFiles;
import murder.core.client.TrackerClient;
import murder.core.client.TrackerUrls;
import murder.core.testing.TestAuth;
import murder.core.trust.KeyFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: the tracker serves its page and /metrics, an agent started with
 * --metrics-port serves its own, and a real deploy moves both.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsE2ETest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private MurderProcesses processes;

    @AfterEach
    void stop() throws Exception {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void theTrackerAndAnAgentServeMetricsThatADeployMoves() throws Exception {
        processes = new MurderProcesses(tmp.resolve("logs"));
        int trackerPort = MurderProcesses.freePort();
        int metricsPort = MurderProcesses.freePort();
        URI tracker = URI.create("http://127.0.0.1:" + trackerPort);
        URI agentMetrics = URI.create("http://127.0.0.1:" + metricsPort);
        TestAuth auth = TestAuth.create(tmp.resolve("auth"));
        TrackerClient client = new TrackerClient(TrackerUrls.parse(tracker.toString()), auth.deployer());
        processes.start("tracker", "tracker", "--port", String.valueOf(trackerPort), "--bind", "127.0.0.1",
                "--data-dir", tmp.resolve("tracker").toString(), "--deployer-tokens", auth.deployerTokens().toString(),
                "--agent-secrets", auth.agentSecrets().toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.status() != null);
        KeyFiles.Written key = KeyFiles.generate(tmp.resolve("keys/release"));
        Path token = tmp.resolve("m1.token");
        SecretFiles.writeNew(token, auth.agentToken("m1"));
        processes.start("agent", "agent", "--tracker", tracker.toString(), "--host", "m1", "--tags", "m",
                "--deploy-root", tmp.resolve("agent/deploy").toString(), "--data-dir", tmp.resolve("agent/data")
                        .toString(), "--port", "0", "--token-file", token.toString(), "--trust",
                key.publicKey().toString(), "--metrics-port", String.valueOf(metricsPort), "--metrics-bind",
                "127.0.0.1");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(agentMetrics, "/health", null).statusCode() == 200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> value(get(tracker, "/metrics", auth.deployerToken()).body(),
                        "murder_tracker_agents_alive") == 1);

        // the page is in the jar, open, with its policy
        HttpResponse<String> page = get(tracker, "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'");
        assertThat(get(tracker, "/ui.js", null).body()).contains("/api/v1/status");
        assertThat(get(tracker, "/health", null).statusCode()).isEqualTo(200);
        assertThat(get(tracker, "/metrics", null).statusCode()).isEqualTo(401);
        double announcesBefore = value(get(tracker, "/metrics", auth.deployerToken()).body(),
                "murder_tracker_announces_total");

        Path build = SampleRelease.generate(tmp.resolve("build"), 2_000_000L, 21);
        int code = processes.run("deploy", 180, "deploy", build.toString(), "--tracker", tracker.toString(),
                "--release", "m-1", "--tag", "m", "--timeout", "2m", "--token-file", auth.deployerTokens().toString(),
                "--key", key.privateKey().toString());
        assertThat(code).as(processes.stdout("deploy") + processes.stderr("deploy")).isZero();

        String trackerMetrics = get(tracker, "/metrics", auth.deployerToken()).body();
        assertThat(value(trackerMetrics, "murder_tracker_deployments_created_total")).isEqualTo(1);
        assertThat(value(trackerMetrics, "murder_tracker_announces_total")).isGreaterThan(announcesBefore);
        assertThat(value(trackerMetrics, "murder_tracker_host_states{phase=\"ACTIVE\"}")).isEqualTo(1);
        // bt tells the byte counts every 250 ms: a fast download may show a moment after ACTIVE
        await().atMost(Duration.ofSeconds(10)).until(() -> value(get(agentMetrics, "/metrics", null).body(),
                "murder_agent_bittorrent_downloaded_bytes_total") > 0);
        String agent = get(agentMetrics, "/metrics", null).body();
        assertThat(value(agent, "murder_agent_active_release{release=\"m-1\"}")).isEqualTo(1);
        assertThat(value(agent, "murder_agent_deployment_state{deployment=\"1\",release=\"m-1\",state=\"ACTIVE\"}"))
                .isEqualTo(1);
        assertThat(value(agent, "murder_agent_last_download_seconds")).isPositive();
        assertThat(get(agentMetrics, "/health", null).body()).contains("\"activeRelease\":\"m-1\"");
    }

    private static HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        if (!m.find()) {
            throw new AssertionError("no sample " + series + " in:\n" + exposition);
        }
        return Double.parseDouble(m.group(1));
    }
}
