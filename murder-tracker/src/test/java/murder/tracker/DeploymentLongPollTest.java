package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/deployments/{id}?waitMs=W}, the status long-poll `murder deploy` watches with, against a real
 * tracker with tokens over real sockets: a host's phase change or a cancel answers it at once, and so does a change
 * the asker has not seen (its {@code known} stamp is old); progress alone does not, and the wait's end answers with
 * the status then.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeploymentLongPollTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private TrackerDaemon tracker;
    private TestAuth auth;
    private TrackerClient deployer;
    private TrackerClient h1;
    private Deployment deployment;

    @BeforeEach
    void start() throws IOException {
        auth = TestAuth.create(work.resolve("auth"));
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())));
        deployer = new TrackerClient(tracker.url(), auth.deployer());
        var release = TestReleases.make(work, "r1", "r1");
        deployer.registerRelease(release.manifest(), release.torrent());
        h1 = new TrackerClient(tracker.url(), auth.agent("h1"));
        h1.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        deployment = deployer.createDeployment("r1", "web", null, Duration.ofMinutes(10));
        report(HostPhase.DOWNLOADING, 10);
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void aPhaseChangeAnswersAtOnceProgressDoesNot() throws Exception {
        CompletableFuture<DeploymentStatus> poll = poll(LONG);
        report(HostPhase.DOWNLOADING, 50); // progress only
        assertThat(waitFor(poll, Duration.ofMillis(700))).as("answered on progress alone").isNull();
        long changed = System.nanoTime();
        report(HostPhase.ACTIVE, 100);
        DeploymentStatus status = poll.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(5));
        assertThat(status.hosts()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo(HostPhase.ACTIVE));
    }

    @Test
    void theWaitsEndAnswersWithTheStatusThen() throws Exception {
        long asked = System.nanoTime();
        CompletableFuture<DeploymentStatus> poll = poll(Duration.ofMillis(1500));
        report(HostPhase.DOWNLOADING, 70);
        DeploymentStatus status = poll.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(status.hosts()).singleElement().satisfies(h -> assertThat(h.progress()).isEqualTo(70));
    }

    @Test
    void aChangeTheAskerHasNotSeenAnswersAtOnce() {
        String known = deployer.deployment(deployment.id()).phaseStamp();
        report(HostPhase.VERIFYING, 100); // between two polls
        long asked = System.nanoTime();
        DeploymentStatus status = deployer.deployment(deployment.id(), LONG, known);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
        assertThat(status.hosts()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo(HostPhase.VERIFYING));
        assertThat(status.phaseStamp()).isNotEqualTo(known);
    }

    @Test
    void theMetricsCountWatchesApartFromStatusReads() throws Exception {
        String known = deployer.deployment(deployment.id()).phaseStamp();
        deployer.deployment(deployment.id(), Duration.ofMillis(100), known);
        deployer.deployment(deployment.id(), Duration.ZERO, known); // waitMs=0 is a plain read
        deployer.deployment(deployment.id(), LONG, null); // and so is one without known: the first of a watch
        var response = WebGet.get(tracker.url(), "/metrics", auth.deployerToken());
        assertThat(PromText.require(response.body(),
                "murder_tracker_http_request_duration_seconds_count{code=\"2xx\",route=\"deployment_status\"}"))
                .isEqualTo(3);
        assertThat(PromText.require(response.body(),
                "murder_tracker_http_request_duration_seconds_count{code=\"2xx\",route=\"deployment_watch\"}"))
                .isEqualTo(1);
    }

    @Test
    void aCancelAnswersAtOnce() throws Exception {
        CompletableFuture<DeploymentStatus> poll = poll(LONG);
        deployer.cancelDeployment(deployment.id());
        DeploymentStatus status = poll.get(5, TimeUnit.SECONDS);
        assertThat(status.hosts()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo(HostPhase.FAILED));
    }

    @Test
    void anUnknownDeploymentIsNotFoundAtOnceAndANegativeWaitIsBadInput() {
        long asked = System.nanoTime();
        assertThatThrownBy(() -> deployer.deployment(deployment.id() + 100, LONG, "0"))
                .isInstanceOf(MurderException.class)
                .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(MurderException.Kind.NOT_FOUND));
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> deployer.deployment(deployment.id(), Duration.ofMillis(-1), "0"))
                .isInstanceOf(MurderException.class).hasMessageContaining("waitMs must not be negative");
    }

    /** A long-poll from what a plain read shows now. */
    private CompletableFuture<DeploymentStatus> poll(Duration wait) {
        String known = deployer.deployment(deployment.id()).phaseStamp();
        CompletableFuture<DeploymentStatus> poll =
                CompletableFuture.supplyAsync(() -> deployer.deployment(deployment.id(), wait, known));
        // held, not answered: and by then the request has reached the tracker, so a change the test makes next
        // is one the poll waits for
        assertThat(waitFor(poll, Duration.ofMillis(500))).as("answered before any change").isNull();
        return poll;
    }

    /** The poll's answer if it comes within {@code within}, else null. */
    private static DeploymentStatus waitFor(CompletableFuture<DeploymentStatus> poll, Duration within) {
        try {
            return poll.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void report(HostPhase phase, int progress) {
        h1.report("h1", new StateReport(deployment.id(), "r1", phase, progress, null));
    }
}
