package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.core.api.RegisterRelease;
import murder.core.api.StateReport;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} scraped over HTTP from a real tracker while real requests move its numbers. */
class TrackerMetricsTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    @TempDir
    Path secrets;

    private TestAuth auth;
    private TrackerDaemon tracker;
    private TrackerClient deployer;

    @BeforeEach
    void start() {
        auth = TestAuth.create(secrets);
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())));
        deployer = new TrackerClient(tracker.url(), auth.deployer());
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    private String scrape() throws Exception {
        var response = WebGet.get(tracker.url(), "/metrics", auth.deployerToken());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void countersAndGaugesMoveWithAnnouncesDeploymentsHeartbeatsAndReports() throws Exception {
        String before = scrape();
        assertThat(before).contains("# HELP murder_tracker_announces_total", "# TYPE murder_tracker_announces_total counter",
                "# TYPE murder_tracker_agents_alive gauge");
        assertThat(PromText.require(before, "murder_tracker_announces_total")).isZero();
        assertThat(PromText.require(before, "murder_tracker_deployments_created_total")).isZero();
        assertThat(PromText.require(before, "murder_tracker_agents_alive")).isZero();
        assertThat(PromText.require(before, "murder_tracker_host_states{phase=\"PENDING\"}")).isZero();

        RegisterRelease release = TestReleases.make(work, "r1", "a");
        deployer.registerRelease(release.manifest(), release.torrent());
        String infoHash = pct(HexFormat.of().parseHex(release.manifest().infoHash()));
        for (int i = 0; i < 3; i++) {
            RawHttp.get(tracker.url(), "/announce?info_hash=" + infoHash + "&peer_id=-MU0001-abcdefghijk" + i
                    + "&port=" + (6881 + i) + "&left=0&uploaded=0&downloaded=0");
        }
        TrackerClient h1 = new TrackerClient(tracker.url(), auth.agent("h1"));
        TrackerClient h2 = new TrackerClient(tracker.url(), auth.agent("h2"));
        h1.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        h2.heartbeat("h2", new AgentHeartbeat(List.of("web"), 6882, null));
        Deployment deployment = deployer.createDeployment("r1", "web");
        h1.report("h1", new StateReport(deployment.id(), "r1", HostPhase.DOWNLOADING, 30, null));
        // a refused creation is no deployment
        assertThatThrownBy(() -> deployer.createDeployment("r1", "db")).isInstanceOf(MurderException.class);

        String after = scrape();
        assertThat(after).contains("# TYPE murder_tracker_http_request_duration_seconds histogram");
        assertThat(PromText.require(after, "murder_tracker_announces_total")).isEqualTo(3);
        assertThat(PromText.require(after, "murder_tracker_deployments_created_total")).isEqualTo(1);
        assertThat(PromText.require(after, "murder_tracker_agents_alive")).isEqualTo(2);
        assertThat(PromText.require(after, "murder_tracker_agents_registered")).isEqualTo(2);
        assertThat(PromText.require(after, "murder_tracker_host_states{phase=\"PENDING\"}")).isEqualTo(1);
        assertThat(PromText.require(after, "murder_tracker_host_states{phase=\"DOWNLOADING\"}")).isEqualTo(1);
        assertThat(PromText.require(after, "murder_tracker_host_states{phase=\"ACTIVE\"}")).isZero();
        assertThat(PromText.require(after,
                "murder_tracker_http_request_duration_seconds_count{code=\"2xx\",route=\"announce\"}")).isEqualTo(3);
        assertThat(PromText.require(after,
                "murder_tracker_http_request_duration_seconds_count{code=\"2xx\",route=\"agent_heartbeat\"}"))
                .isEqualTo(2);
        assertThat(PromText.require(after,
                "murder_tracker_http_request_duration_seconds_count{code=\"4xx\",route=\"deployment_create\"}"))
                .isEqualTo(1);
        // the first scrape was answered before the second one was made
        assertThat(PromText.require(after,
                "murder_tracker_http_request_duration_seconds_count{code=\"2xx\",route=\"metrics\"}")).isEqualTo(1);
        assertThat(PromText.require(after,
                "murder_tracker_http_request_duration_seconds_bucket{code=\"2xx\",route=\"announce\",le=\"+Inf\"}"))
                .isEqualTo(3);

        h1.report("h1", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 100, null));
        String later = scrape();
        assertThat(PromText.require(later, "murder_tracker_host_states{phase=\"DOWNLOADING\"}")).isZero();
        assertThat(PromText.require(later, "murder_tracker_host_states{phase=\"ACTIVE\"}")).isEqualTo(1);
    }

    private static String pct(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return out.toString();
    }
}
