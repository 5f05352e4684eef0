package murder.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import bt.runtime.BtRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
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
import murder.peer.testing.TestSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole agent against a stand-in tracker and a real bt seeder on loopback. */
class AgentDaemonTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private FakeTracker tracker;
    private BtRuntime seederRuntime;
    private SwarmSession seeder;
    private ReleaseManifest r1;
    private TestSigning key;

    @BeforeEach
    void seedARelease() throws Exception {
        tracker = new FakeTracker();
        key = new TestSigning(work, "release");
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        TestReleases.Built built = TestReleases.build(seedDir, "r1", 3 * 1024 * 1024);
        TorrentFactory.MadeTorrent torrent = TorrentFactory.make(built.tarball(), tracker.announceUrl());
        r1 = new ReleaseManifest("r1", built.manifest().fileName(), built.manifest().size(),
                built.manifest().sha256(), torrent.infoHash(), torrent.pieceSize(), built.manifest().createdAt());
        tracker.addTorrent("r1", torrent.bytes());
        seederRuntime = BtRuntimeFactory.create(new BtSettings(InetAddress.getLoopbackAddress(), 0));
        seeder = SwarmSession.start(seederRuntime, torrent.bytes(), seedDir, p -> { });
        seeder.downloaded().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopSeeder() {
        if (seeder != null) {
            seeder.close();
        }
        if (seederRuntime != null) {
            seederRuntime.shutdown();
        }
        tracker.close();
    }

    private AgentConfig config() {
        return AgentConfig.of(tracker.url(), "host-1", List.of("web"), work.resolve("deploy"), work.resolve("data"),
                        new BtSettings(InetAddress.getLoopbackAddress(), 0))
                .withHeartbeatInterval(Duration.ofMillis(200))
                .withLongPollWait(Duration.ofSeconds(2))
                .withTrust(key.trustPolicy());
    }

    private List<HostPhase> phasesOf(long deploymentId) {
        return tracker.reports.stream().filter(r -> r.deploymentId() == deploymentId).map(StateReport::state).toList();
    }

    @Test
    void downloadsFromTheSwarmActivatesReportsAndSurvivesARestartWithoutRedoingWork() throws IOException {
        Path current = work.resolve("deploy/current");
        try (AgentDaemon agent = AgentDaemon.start(config())) {
            assertThat(agent.btPort()).isPositive();
            await().atMost(TIMEOUT).until(() -> !tracker.heartbeats.isEmpty());
            assertThat(tracker.heartbeats.get(0).btPort()).isEqualTo(agent.btPort());
            assertThat(tracker.heartbeats.get(0).tags()).containsExactly("web");

            tracker.deploy(new DesiredRelease(1, r1, key.sign(r1, "web", 1)));

            await().atMost(TIMEOUT).until(() -> phasesOf(1).contains(HostPhase.ACTIVE));
            // the outbox may merge steps that happen faster than reports go out, never reorder them
            assertThat(phasesOf(1)).startsWith(HostPhase.PENDING, HostPhase.DOWNLOADING).endsWith(HostPhase.ACTIVE)
                    .isSortedAccordingTo(java.util.Comparator.naturalOrder());
            assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("releases/r1"));
            assertThat(Files.readString(current.resolve("VERSION"))).isEqualTo("r1\n");
            assertThat(current.resolve("lib/app.jar")).hasSize(3 * 1024 * 1024);
            assertThat(agent.activeRelease()).contains("r1");
            await().atMost(TIMEOUT).until(() -> "r1".equals(last(tracker.heartbeats).activeRelease()));
        }
        Path marker = work.resolve("deploy/releases/r1/written-after-activation");
        Files.writeString(marker, "x");
        int reportsBefore = tracker.reports.size();

        try (AgentDaemon restarted = AgentDaemon.start(config())) {
            // the tracker answers the fresh long-poll with the same deployment: nothing to redo
            await().atMost(TIMEOUT).until(() -> tracker.reports.size() > reportsBefore);
            assertThat(tracker.reports.subList(reportsBefore, tracker.reports.size()))
                    .extracting(StateReport::deploymentId, StateReport::state)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(1L, HostPhase.ACTIVE));
            assertThat(marker).exists();
            assertThat(restarted.activeRelease()).contains("r1");
        }
    }

    @Test
    void aTrackerRestartMidDeployDoesNotLoseTheFinalReport() throws IOException {
        ch.qos.logback.classic.Logger linkLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(murder.peer.tracker.TrackerLink.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        linkLog.addAppender(logged);
        try (AgentDaemon agent = AgentDaemon.start(config())) {
            await().atMost(TIMEOUT).until(() -> !tracker.heartbeats.isEmpty());
            // the tracker goes away once the download is done, before the agent activates
            java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
            tracker.onReport = r -> {
                if (r.state().compareTo(HostPhase.VERIFYING) >= 0 && r.state() != HostPhase.ACTIVE
                        && stopped.compareAndSet(false, true)) {
                    tracker.stop();
                }
            };

            tracker.deploy(new DesiredRelease(1, r1, key.sign(r1, "web", 1)));

            await().atMost(TIMEOUT).until(() -> agent.activeRelease().isPresent());
            assertThat(stopped).as("the tracker went down mid-deploy").isTrue();
            assertThat(phasesOf(1)).doesNotContain(HostPhase.ACTIVE);
            tracker.onReport = r -> { };
            tracker.restart();

            await().atMost(TIMEOUT).until(() -> phasesOf(1).contains(HostPhase.ACTIVE));
            assertThat(last(tracker.reports).state()).isEqualTo(HostPhase.ACTIVE);
        } finally {
            linkLog.detachAppender(logged);
        }
        // heartbeats, the long-poll and the reports all failed during the outage: one WARN, then one INFO
        assertThat(logged.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).hasSize(1);
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("reachable again")).hasSize(1);
    }

    @Test
    void refusesToStartTrustingNoKey() {
        assertThatThrownBy(() -> AgentDaemon.start(config().withTrust(TrustPolicy.nothing())))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("murder keygen").hasMessageContaining("--trust");
    }

    @Test
    void aTorrentWithAnotherInfoHashThanTheSignedOneIsNotDownloaded() throws IOException {
        // a compromised tracker keeps the signed statement but serves the torrent of other content under its id
        Path otherDir = Files.createDirectories(work.resolve("other"));
        TestReleases.Built other = TestReleases.build(otherDir, "r1", 1024);
        tracker.addTorrent("r1", TorrentFactory.make(other.tarball(), tracker.announceUrl()).bytes());
        try (AgentDaemon agent = AgentDaemon.start(config())) {
            tracker.deploy(new DesiredRelease(1, r1, key.sign(r1, "web", 1)));

            await().atMost(TIMEOUT).until(() -> phasesOf(1).contains(HostPhase.FAILED));
            assertThat(last(tracker.reports).reason()).contains("info-hash");
            assertThat(agent.activeRelease()).isEmpty();
            assertThat(work.resolve("data/downloads/r1/r1.tar.gz")).doesNotExist();
        }
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
