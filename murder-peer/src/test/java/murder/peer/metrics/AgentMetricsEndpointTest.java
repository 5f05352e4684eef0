package murder.peer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import bt.runtime.BtRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmSession;
import murder.core.torrent.TorrentFactory;
import murder.peer.AgentConfig;
import murder.peer.AgentDaemon;
import murder.peer.testing.FakeTracker;
import murder.peer.testing.PromText;
import murder.peer.testing.TestReleases;
import murder.peer.testing.TestSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's /metrics and /health scraped over HTTP while it really deploys a release from a real bt seeder. */
class AgentMetricsEndpointTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PAYLOAD = 3 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        TestReleases.Built built = TestReleases.build(seedDir, "r1", PAYLOAD);
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

    private AgentConfig config(InetSocketAddress metrics) {
        return AgentConfig.of(tracker.url(), "host-1", List.of("web"), work.resolve("deploy"), work.resolve("data"),
                        new BtSettings(InetAddress.getLoopbackAddress(), 0))
                .withHeartbeatInterval(Duration.ofMillis(200))
                .withLongPollWait(Duration.ofSeconds(2))
                .withTrust(key.trustPolicy())
                .withMetricsAddress(metrics);
    }

    private static HttpResponse<String> get(URI base, String path, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsMoveWithADeployAndHealthNamesTheActiveRelease() throws Exception {
        try (AgentDaemon agent = AgentDaemon.start(config(new InetSocketAddress("127.0.0.1", 0)))) {
            URI base = URI.create("http://127.0.0.1:" + agent.metricsPort().orElseThrow());
            HttpResponse<String> first = get(base, "/metrics", "GET");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            String before = first.body();
            // series that have nothing to say yet are absent, not zero
            assertThat(before).contains("# TYPE murder_agent_bittorrent_downloaded_bytes_total counter")
                    .doesNotContain("murder_agent_active_release", "murder_agent_last_download_seconds",
                            "murder_agent_deployment_state");
            assertThat(PromText.require(before, "murder_agent_bittorrent_downloaded_bytes_total")).isZero();
            assertThat(PromText.require(before, "murder_agent_deployments_ended_total{state=\"ACTIVE\"}")).isZero();
            assertThat(get(base, "/health", "GET").body()).isEqualTo(
                    "{\"status\":\"ok\",\"host\":\"host-1\",\"trackerReachable\":true}");

            tracker.deploy(new DesiredRelease(1, r1, key.sign(r1, "web", 1)));
            await().atMost(TIMEOUT).until(() -> tracker.reports.stream().anyMatch(r -> r.state() == HostPhase.ACTIVE));

            // bt tells the byte counts every 250 ms: the last piece may show a moment after ACTIVE
            await().atMost(Duration.ofSeconds(10)).until(() -> PromText.require(get(base, "/metrics", "GET").body(),
                    "murder_agent_bittorrent_downloaded_bytes_total") >= r1.size());
            String after = get(base, "/metrics", "GET").body();
            assertThat(after).contains("# TYPE murder_agent_deployment_state gauge");
            assertThat(PromText.require(after, "murder_agent_bittorrent_torrents")).isEqualTo(1); // seeding it now
            assertThat(PromText.require(after, "murder_agent_last_download_seconds")).isPositive();
            assertThat(PromText.require(after, "murder_agent_last_verify_and_unpack_seconds")).isPositive();
            assertThat(PromText.require(after, "murder_agent_last_activation_seconds")).isNotNegative();
            assertThat(PromText.require(after,
                    "murder_agent_deployment_state{deployment=\"1\",release=\"r1\",state=\"ACTIVE\"}")).isEqualTo(1);
            assertThat(PromText.require(after,
                    "murder_agent_deployment_progress_percent{deployment=\"1\",release=\"r1\"}")).isEqualTo(100);
            assertThat(PromText.require(after, "murder_agent_deployments_ended_total{state=\"ACTIVE\"}")).isEqualTo(1);
            assertThat(PromText.require(after, "murder_agent_active_release{release=\"r1\"}")).isEqualTo(1);
            assertThat(get(base, "/health", "GET").body()).contains("\"activeRelease\":\"r1\"");

            assertThat(get(base, "/nope", "GET").statusCode()).isEqualTo(404);
            HttpResponse<String> post = get(base, "/metrics", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void noMetricsPortUnlessConfiguredAndABusyPortIsAClearFailure() throws Exception {
        try (AgentDaemon agent = AgentDaemon.start(config(null))) {
            assertThat(agent.metricsPort()).isEmpty();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress busy = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            int heartbeats = tracker.heartbeats.size();
            assertThatThrownBy(() -> AgentDaemon.start(config(busy)))
                    .isInstanceOf(MurderException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for metrics")
                    .hasMessageContaining("--metrics-port");
            assertThat(tracker.heartbeats).hasSize(heartbeats); // it failed before it registered
        }
    }
}
