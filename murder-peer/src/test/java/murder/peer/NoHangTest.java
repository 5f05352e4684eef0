package murder.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.runtime.BtRuntime;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmSession;
import murder.core.torrent.TorrentFactory;
import murder.core.trust.TrustPolicy;
import murder.peer.testing.FakeTracker;
import murder.peer.testing.TestReleases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a stand-in tracker and a real bt seeder that comes and goes: no deployment may hang. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NoHangTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path work;

    private FakeTracker tracker;
    private Path seedDir;
    private byte[] torrent;
    private ReleaseManifest r1;
    private BtRuntime seederRuntime;
    private SwarmSession seeder;

    @BeforeEach
    void buildARelease() throws Exception {
        tracker = new FakeTracker();
        seedDir = Files.createDirectories(work.resolve("seed"));
        TestReleases.Built built = TestReleases.build(seedDir, "r1", 3 * 1024 * 1024);
        TorrentFactory.MadeTorrent made = TorrentFactory.make(built.tarball(), tracker.announceUrl());
        torrent = made.bytes();
        r1 = withId(new ReleaseManifest("r1", built.manifest().fileName(), built.manifest().size(),
                built.manifest().sha256(), made.infoHash(), made.pieceSize(), built.manifest().createdAt()), "r1");
        tracker.addTorrent("r1", torrent);
    }

    @AfterEach
    void stopAll() {
        stopSeeder();
        tracker.close();
    }

    private void startSeeder() throws Exception {
        seederRuntime = BtRuntimeFactory.create(new BtSettings(InetAddress.getLoopbackAddress(), 0));
        seeder = SwarmSession.start(seederRuntime, torrent, seedDir, p -> { });
        seeder.downloaded().get(30, TimeUnit.SECONDS);
    }

    private void stopSeeder() {
        if (seeder != null) {
            seeder.close();
            seeder = null;
        }
        if (seederRuntime != null) {
            seederRuntime.shutdown();
            seederRuntime = null;
        }
    }

    private AgentConfig config(Duration stallTimeout) {
        return AgentConfig.of(tracker.url(), "host-1", List.of("web"), work.resolve("deploy"), work.resolve("data"),
                        new BtSettings(InetAddress.getLoopbackAddress(), 0))
                .withHeartbeatInterval(Duration.ofMillis(200))
                .withLongPollWait(Duration.ofSeconds(2))
                .withStallTimeout(stallTimeout).withTrust(TrustPolicy.allowingUnsigned());
    }

    private static ReleaseManifest withId(ReleaseManifest m, String id) {
        return new ReleaseManifest(id, m.fileName(), m.size(), m.sha256(), m.infoHash(), m.pieceSize(), m.createdAt());
    }

    private List<StateReport> reportsOf(long deploymentId) {
        return tracker.reports.stream().filter(r -> r.deploymentId() == deploymentId).toList();
    }

    private Optional<StateReport> ended(long deploymentId, HostPhase phase) {
        return reportsOf(deploymentId).stream().filter(r -> r.state() == phase).findFirst();
    }

    private Path current() {
        return work.resolve("deploy/current");
    }

    @Test
    void aDownloadWithoutSeederFailsOnTheStallTimeoutAndIsNotActivatedAfterARestart() throws Exception {
        try (AgentDaemon agent = AgentDaemon.start(config(Duration.ofSeconds(2)))) {
            tracker.deploy(new DesiredRelease(1, r1));
            await().atMost(TIMEOUT).until(() -> ended(1, HostPhase.FAILED).isPresent());
            assertThat(ended(1, HostPhase.FAILED).get().reason())
                    .isEqualTo("no progress for 2 s at 0% with 0 peers: is the seeder still running? redeploy to retry");
            assertThat(agent.activeRelease()).isEmpty();
        }
        startSeeder();
        int before = tracker.reports.size();
        try (AgentDaemon restarted = AgentDaemon.start(config(Duration.ofSeconds(30)))) {
            // the tracker hands out deployment 1 again: the failure is repeated, the release not activated
            await().atMost(TIMEOUT).until(() -> tracker.reports.size() > before);
            assertThat(tracker.reports.subList(before, tracker.reports.size()))
                    .extracting(StateReport::deploymentId, StateReport::state)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(1L, HostPhase.FAILED));
            assertThat(restarted.activeRelease()).isEmpty();
            assertThat(current()).doesNotExist();

            tracker.deploy(new DesiredRelease(2, r1)); // the operator redeploys
            await().atMost(TIMEOUT).until(() -> ended(2, HostPhase.ACTIVE).isPresent());
            assertThat(restarted.activeRelease()).contains("r1");
        }
    }

    @Test
    void aRedeployOfTheSameReleaseMidDownloadReopensTheTorrentAndEndsActive() throws Exception {
        try (AgentDaemon agent = AgentDaemon.start(config(Duration.ofMinutes(2)))) {
            tracker.deploy(new DesiredRelease(1, r1)); // no seeder yet: stuck at 0%
            await().atMost(TIMEOUT).until(() -> ended(1, HostPhase.DOWNLOADING).isPresent());

            tracker.deploy(new DesiredRelease(2, r1));
            await().atMost(TIMEOUT).until(() -> ended(1, HostPhase.FAILED).isPresent());
            assertThat(ended(1, HostPhase.FAILED).get().reason()).isEqualTo("superseded by deployment 2");
            startSeeder();

            await().atMost(TIMEOUT).until(() -> ended(2, HostPhase.ACTIVE).isPresent()
                    || ended(2, HostPhase.FAILED).isPresent());
            assertThat(ended(2, HostPhase.FAILED)).isEmpty();
            assertThat(agent.activeRelease()).contains("r1");
        }
    }

    @Test
    void identicalContentUnderANewReleaseIdSharesTheSeedingSession() throws Exception {
        startSeeder();
        ReleaseManifest copy = withId(r1, "r1-again");
        tracker.addTorrent("r1-again", torrent);
        try (AgentDaemon agent = AgentDaemon.start(config(Duration.ofSeconds(30)))) {
            tracker.deploy(new DesiredRelease(1, r1));
            await().atMost(TIMEOUT).until(() -> ended(1, HostPhase.ACTIVE).isPresent());

            tracker.deploy(new DesiredRelease(2, copy));
            await().atMost(TIMEOUT).until(() -> ended(2, HostPhase.ACTIVE).isPresent()
                    || ended(2, HostPhase.FAILED).isPresent());
            assertThat(ended(2, HostPhase.FAILED)).isEmpty();
            assertThat(Files.readSymbolicLink(current())).isEqualTo(Path.of("releases/r1-again"));
        }
        try (var dirs = Files.list(work.resolve("data/content"))) {
            assertThat(dirs).hasSize(1); // one copy of the content for both release ids
        }
    }

    @Test
    void aFullDiskEndsTheDownloadFailedWithTheCause() throws Exception {
        startSeeder();
        // the tarball's path leads to /dev/full: every write fails with ENOSPC, as on a full data dir
        Path content = Files.createDirectories(work.resolve("data/content").resolve(r1.infoHash()));
        Files.createSymbolicLink(content.resolve(r1.fileName()), Path.of("/dev/full"));
        try (AgentDaemon agent = AgentDaemon.start(config(Duration.ofMinutes(2)))) {
            tracker.deploy(new DesiredRelease(1, r1));
            await().atMost(TIMEOUT).until(() -> ended(1, HostPhase.FAILED).isPresent());
            assertThat(ended(1, HostPhase.FAILED).get().reason())
                    .startsWith("download of release r1 failed: cannot write " + content.resolve(r1.fileName()))
                    .contains("No space left on device");
            assertThat(agent.activeRelease()).isEmpty();
        }
    }
}
