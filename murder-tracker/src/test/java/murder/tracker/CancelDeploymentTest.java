package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.core.api.RegisterRelease;
import murder.core.api.StateReport;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/deployments/{id}/cancel} against a real tracker with tokens, over real sockets. */
class CancelDeploymentTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private TrackerDaemon tracker;
    private TestAuth auth;
    private TrackerClient deployer;

    @BeforeEach
    void start() {
        auth = TestAuth.create(work.resolve("auth"));
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())));
        deployer = new TrackerClient(tracker.url(), auth.deployer());
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    private TrackerClient agent(String host) {
        TrackerClient client = new TrackerClient(tracker.url(), auth.agent(host));
        client.heartbeat(host, new AgentHeartbeat(List.of("web"), 6881, null));
        return client;
    }

    @Test
    void cancelFailsEveryUnsettledHostKeepsTheActiveOnesAndLateReportsStayFailed() throws IOException {
        register("r1");
        TrackerClient h1 = agent("h1");
        TrackerClient h2 = agent("h2");
        agent("h3");
        Deployment deployment = deployer.createDeployment("r1", "web", null, Duration.ofMinutes(10));
        h1.report("h1", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 100, null));
        h2.report("h2", new StateReport(deployment.id(), "r1", HostPhase.DOWNLOADING, 40, null));

        DeploymentStatus cancelled = deployer.cancelDeployment(deployment.id());

        assertThat(cancelled.deployment().cancelledAt()).isNotNull();
        assertThat(cancelled.hosts()).extracting(HostState::host, HostState::state, HostState::reason).containsExactly(
                tuple("h1", HostPhase.ACTIVE, null),
                tuple("h2", HostPhase.FAILED, "cancelled by a deployer in DOWNLOADING at 40%"),
                tuple("h3", HostPhase.FAILED, "cancelled by a deployer in PENDING at 0%"));
        // a late "still working" does not reopen the host; the agent's own FAILED is the truth and kept
        h2.report("h2", new StateReport(deployment.id(), "r1", HostPhase.VERIFYING, 100, null));
        assertThat(state(deployment, "h2").state()).isEqualTo(HostPhase.FAILED);
        assertThat(state(deployment, "h2").reason()).isEqualTo("cancelled by a deployer in VERIFYING at 100%");
        // a second cancel changes nothing, also not the time
        assertThat(deployer.cancelDeployment(deployment.id()).deployment().cancelledAt())
                .isEqualTo(cancelled.deployment().cancelledAt());
        assertThat(deployer.status().deployments().get(0).deployment().cancelled()).isTrue();
    }

    @Test
    void aWaitingLongPollAnswersAtOnceWithTheCancelAndThenWaitsAgain() throws Exception {
        register("r1");
        TrackerClient h1 = agent("h1");
        Deployment deployment = deployer.createDeployment("r1", "web", null, Duration.ofMinutes(10));
        assertThat(h1.desired("h1", 0, Duration.ZERO)).map(DesiredRelease::cancelled).contains(false);

        CompletableFuture<Optional<DesiredRelease>> poll = CompletableFuture.supplyAsync(
                () -> h1.desired("h1", deployment.id(), false, Duration.ofSeconds(30)));
        deployer.cancelDeployment(deployment.id());

        Optional<DesiredRelease> answer = poll.get(10, TimeUnit.SECONDS);
        assertThat(answer).map(DesiredRelease::deploymentId).contains(deployment.id());
        assertThat(answer).map(DesiredRelease::cancelled).contains(true);
        // an agent that knows of the cancel is not told again; an agent that restarts (known 0) is
        assertThat(h1.desired("h1", deployment.id(), true, Duration.ofMillis(300))).isEmpty();
        assertThat(h1.desired("h1", 0, Duration.ZERO)).map(DesiredRelease::cancelled).contains(true);
    }

    @Test
    void onlyADeployerMayCancelAndAnUnknownDeploymentIs404() throws IOException {
        register("r1");
        TrackerClient h1 = agent("h1");
        Deployment deployment = deployer.createDeployment("r1", "web", null, Duration.ofMinutes(10));

        assertThatThrownBy(() -> h1.cancelDeployment(deployment.id()))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN));
        assertThatThrownBy(() -> new TrackerClient(tracker.url()).cancelDeployment(deployment.id()))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
        assertThat(deployer.deployment(deployment.id()).deployment().cancelled()).isFalse();
        assertThatThrownBy(() -> deployer.cancelDeployment(999))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("unknown deployment 999");
    }

    private HostState state(Deployment deployment, String host) {
        return deployer.deployment(deployment.id()).hosts().stream().filter(h -> h.host().equals(host)).findFirst()
                .orElseThrow();
    }

    private void register(String id) throws IOException {
        RegisterRelease release = TestReleases.make(work, id, id);
        deployer.registerRelease(release.manifest(), release.torrent());
    }
}
