package murder.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import murder.core.Sha256;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.client.TrackerClient;
import murder.core.torrent.TorrentFactory;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against a real tracker in this JVM (agents are played by heartbeats and reports); the watcher's own
 * clock is moved by hand, so "silent for 20 s" and "the timeout passed" take no real time.
 */
@Timeout(120)
class DeployWatcherTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private TrackerDaemon tracker;
    private TrackerClient client;
    private Deployment deployment;

    @BeforeEach
    void start() throws Exception {
        // a short alive window, so a host that stops heartbeating shows as silent within a second
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dir.resolve("tracker")).withBindAddress("127.0.0.1")
                .withPort(0).withAgentTimeout(Duration.ofSeconds(1)).withAuth(AuthSettings.NO_AUTH));
        client = new TrackerClient(tracker.url());
        register("r1");
        client.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        deployment = client.createDeployment("r1", "web");
        client.report("h1", new StateReport(deployment.id(), "r1", HostPhase.DOWNLOADING, 40, null));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void aHostSilentForMoreThan20SecondsThatComesBackAndFinishesIsActive() throws Exception {
        CompletableFuture<DeployWatcher.Outcome> watching = watch(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.deployment(deployment.id()).hosts().get(0).alive());

        // 5 s of watcher time per poll until it has called the host out as silent for 20 s
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            nanos.addAndGet(Duration.ofSeconds(5).toNanos());
            return progress().contains("h1") && progress().contains("not heartbeating for 20 s while DOWNLOADING");
        });
        assertThat(watching).as("a silent host is waited for until the timeout").isNotDone();

        client.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        client.report("h1", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 100, null));

        DeployWatcher.Outcome outcome = watching.get(30, TimeUnit.SECONDS);
        assertThat(outcome.ok()).as(progress()).isTrue();
        assertThat(outcome.hosts()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo("ACTIVE"));
    }

    @Test
    void aHostStillSilentAtTheTimeoutIsLost() throws Exception {
        CompletableFuture<DeployWatcher.Outcome> watching = watch(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.deployment(deployment.id()).hosts().get(0).alive());
        // let the watcher see the silence before its timeout passes
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            nanos.addAndGet(Duration.ofSeconds(5).toNanos());
            return progress().contains("not heartbeating");
        });

        nanos.addAndGet(Duration.ofMinutes(10).toNanos());

        DeployWatcher.Outcome outcome = watching.get(30, TimeUnit.SECONDS);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).startsWith("timed out after 600 s; 1 of 1 host(s) not ACTIVE: h1");
        assertThat(outcome.hosts()).singleElement().satisfies(h -> {
            assertThat(h.state()).isEqualTo("LOST");
            assertThat(h.reason()).isEqualTo("agent stopped heartbeating while DOWNLOADING at 40% and did not come "
                    + "back before the timeout");
        });
    }

    @Test
    void aSwarmWithoutASeedIsCalledOutOnlyAfterTheGrace() throws Exception {
        // nobody announces the release here: the swarm has no seed from the first poll on
        CompletableFuture<DeployWatcher.Outcome> watching = watch(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> progress().contains("DOWNLOADING"));
        // the host line and the swarm line come from the same poll: at the start, no seed is not worth a word
        assertThat(progress()).doesNotContain("is the seeder up?");

        nanos.addAndGet(DeployWatcher.NO_SEED_GRACE.plusSeconds(1).toNanos());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> progress().contains("swarm: 0 seed(s)") && progress().contains("is the seeder up?"));

        nanos.addAndGet(Duration.ofMinutes(10).toNanos()); // let it time out
        watching.get(30, TimeUnit.SECONDS);
        assertThat(progress().split("is the seeder up\\?", -1)).as("said once").hasSize(2);
    }

    @Test
    void retryDelaysGrowToTheCapWithJitter() {
        RetryDelay delay = new RetryDelay(Duration.ofMillis(250), Duration.ofSeconds(5));
        long[] steps = {250, 500, 1000, 2000, 4000, 5000, 5000};
        for (long step : steps) {
            assertThat(delay.next().toMillis()).isBetween(step / 2, step);
        }
        // at the cap, 20 draws from 2.5..5 s are not all the same
        RetryDelay capped = new RetryDelay(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> capped.next()).distinct().count())
                .isGreaterThan(1);
    }

    private CompletableFuture<DeployWatcher.Outcome> watch(Duration timeout) {
        DeployWatcher watcher = new DeployWatcher(client, new PrintStream(progress, true, StandardCharsets.UTF_8),
                nanos::get);
        long started = nanos.get();
        return CompletableFuture.supplyAsync(() -> watcher.watch(deployment, started, timeout));
    }

    private String progress() {
        return progress.toString(StandardCharsets.UTF_8);
    }

    private void register(String id) throws Exception {
        Path file = Files.createDirectories(dir.resolve(id)).resolve(id + ".tar.gz");
        Files.writeString(file, id.repeat(1000), StandardCharsets.UTF_8);
        TorrentFactory.MadeTorrent torrent = TorrentFactory.make(file, "http://127.0.0.1:1/announce");
        ReleaseManifest manifest = new ReleaseManifest(id, file.getFileName().toString(), Files.size(file),
                Sha256.ofFile(file), torrent.infoHash(), torrent.pieceSize(), Instant.parse("2026-01-01T00:00:00Z"));
        client.registerRelease(manifest, torrent.bytes());
    }
}
