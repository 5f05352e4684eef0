package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.Health;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.core.api.RegisterRelease;
import murder.core.api.StateReport;
import murder.core.client.TrackerClient;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health endpoint and deployment deadlines, against a real tracker on a real socket with the real sweeper. */
class HealthAndDeadlineTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private TrackerDaemon tracker;
    private TrackerClient client;

    @BeforeEach
    void start() {
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.NO_AUTH));
        client = new TrackerClient(tracker.url());
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void healthAnswersOverABareSocketWithStatusVersionAndUptime() throws IOException {
        String response = rawRequest("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("application/json");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4))
                .startsWith("{\"status\":\"ok\",\"version\":").contains("\"uptimeSeconds\":");
        Health health = client.health();
        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.version()).isNotBlank();
        assertThat(health.uptimeSeconds()).isBetween(0L, 600L);
        assertThat(rawRequest("POST /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close"
                + "\r\n\r\n")).startsWith("HTTP/1.1 405");
    }

    @Test
    void aTargetThatDoesNotSettleBeforeTheDeadlineIsFailedWithTheReason() throws Exception {
        register("r1");
        client.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        client.heartbeat("h2", new AgentHeartbeat(List.of("web"), 6882, null));
        client.heartbeat("h3", new AgentHeartbeat(List.of("web"), 6883, null));
        Deployment deployment = client.createDeployment("r1", "web", null, Duration.ofSeconds(2));
        assertThat(Duration.between(deployment.createdAt(), deployment.deadline()))
                .isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        client.report("h1", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 100, null));
        client.report("h2", new StateReport(deployment.id(), "r1", HostPhase.DOWNLOADING, 40, null));
        // h3 never reports

        DeploymentStatus status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.deployment(deployment.id()),
                        s -> s.hosts().stream().allMatch(h -> h.state().isTerminal()));

        assertThat(status.hosts()).extracting(HostState::host, HostState::state, HostState::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("h1", HostPhase.ACTIVE, null),
                org.assertj.core.groups.Tuple.tuple("h2", HostPhase.FAILED, "timed out after 2 s in DOWNLOADING at 40%"),
                org.assertj.core.groups.Tuple.tuple("h3", HostPhase.FAILED, "timed out after 2 s in PENDING at 0%"));
        // the swarm of the release is reported (nobody announced it here)
        assertThat(status.swarm()).isEqualTo(new DeploymentStatus.SwarmCounts(0, 0));

        // after the deadline a late "still working" stays FAILED, but a late success is the truth and is kept
        client.report("h2", new StateReport(deployment.id(), "r1", HostPhase.VERIFYING, 100, null));
        assertThat(state(deployment, "h2").state()).isEqualTo(HostPhase.FAILED);
        assertThat(state(deployment, "h2").reason()).isEqualTo("timed out after 2 s in VERIFYING at 100%");
        client.report("h3", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 100, null));
        assertThat(state(deployment, "h3").state()).isEqualTo(HostPhase.ACTIVE);
        assertThat(client.status().deployments().get(0).hosts())
                .allSatisfy(h -> assertThat(h.state().isTerminal()).isTrue());
    }

    @Test
    void withoutATimeoutTheTrackerDefaultApplies() throws Exception {
        register("r1");
        client.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));

        Deployment deployment = client.createDeployment("r1", "web");

        assertThat(Duration.between(deployment.createdAt(), deployment.deadline())).isBetween(
                TrackerConfig.DEFAULT_DEPLOYMENT_TIMEOUT.minusMillis(1), TrackerConfig.DEFAULT_DEPLOYMENT_TIMEOUT);
        assertThat(client.deployment(deployment.id()).deployment()).isEqualTo(deployment);
        assertThatThrownBy(() -> client.createDeployment("r1", "web", null, Duration.ofDays(30)))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT))
                .hasMessageContaining("timeoutSeconds must be 1..604800");
    }

    private HostState state(Deployment deployment, String host) {
        return client.deployment(deployment.id()).hosts().stream().filter(h -> h.host().equals(host)).findFirst()
                .orElseThrow();
    }

    private void register(String id) throws IOException {
        RegisterRelease release = TestReleases.make(work, id, id);
        client.registerRelease(release.manifest(), release.torrent());
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(tracker.url().getHost(), tracker.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
