package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.api.AgentHeartbeat;
import murder.core.api.AgentInfo;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.core.api.RegisterRelease;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.api.TrackerStatus;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API through the real client, against a real tracker on a real socket. */
class TrackerDaemonTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @TempDir
    Path secrets;

    private TestAuth auth;
    private TrackerDaemon tracker;
    private TrackerClient client;

    @BeforeEach
    void start() {
        auth = TestAuth.create(secrets);
        tracker = TrackerDaemon.start(config());
        client = new TrackerClient(tracker.url(), auth.deployer());
    }

    private final Map<String, TrackerClient> agents = new HashMap<>();

    /** A client with the agent token of {@code host} (one per host, as an agent has). */
    private TrackerClient agent(String host) {
        return agents.computeIfAbsent(host, h -> new TrackerClient(tracker.url(), auth.agent(h)));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    private TrackerConfig config() {
        return TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets()));
    }

    @Test
    void registersReleasesIdempotentlyAndRefusesOtherContentUnderTheSameId() throws Exception {
        RegisterRelease release = TestReleases.make(work, "r1", "a");

        ReleaseManifest registered = client.registerRelease(release.manifest(), release.torrent());
        assertThat(registered).isEqualTo(release.manifest());
        assertThat(client.registerRelease(release.manifest(), release.torrent())).isEqualTo(registered);
        assertThat(client.torrent("r1")).isEqualTo(release.torrent());

        RegisterRelease other = TestReleases.make(work.resolve("other"), "r1", "b");
        assertThatThrownBy(() -> client.registerRelease(other.manifest(), other.torrent()))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
                .hasMessageContaining("already registered with other content");
        assertThat(client.status().releases()).containsExactly(registered);
    }

    @Test
    void refusesBadNamesAndMismatchedInfoHashes() throws Exception {
        RegisterRelease release = TestReleases.make(work, "r1", "a");
        ReleaseManifest m = release.manifest();
        ReleaseManifest badId = new ReleaseManifest("../r1", m.fileName(), m.size(), m.sha256(), m.infoHash(),
                m.pieceSize(), m.createdAt());
        ReleaseManifest wrongHash = new ReleaseManifest("r1", m.fileName(), m.size(), m.sha256(), "0".repeat(40),
                m.pieceSize(), m.createdAt());

        assertThatThrownBy(() -> client.registerRelease(badId, release.torrent()))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT))
                .hasMessageContaining("invalid release id");
        assertThatThrownBy(() -> client.registerRelease(wrongHash, release.torrent()))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT))
                .hasMessageContaining("info-hash");
        assertThatThrownBy(() -> client.createDeployment("r1", "bad tag"))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT));
        assertThatThrownBy(() -> client.torrent("nope"))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void deploymentNeedsAKnownReleaseAndALiveAgentWithTheTag() throws Exception {
        register("r1");

        assertThatThrownBy(() -> client.createDeployment("missing", "web"))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> client.createDeployment("r1", "web"))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
                .hasMessageContaining("no live agent has tag web; start agents with --tags web or check `murder status`");

        agent("h2").heartbeat("h2", new AgentHeartbeat(List.of("web"), 6882, null));
        agent("h1").heartbeat("h1", new AgentHeartbeat(List.of("web", "db"), 6881, null));
        agent("h3").heartbeat("h3", new AgentHeartbeat(List.of("db"), 6883, null));
        Deployment deployment = client.createDeployment("r1", "web");

        assertThat(deployment.id()).isPositive();
        assertThat(deployment.targets()).containsExactly("h1", "h2");
        assertThat(client.status().agents()).extracting(AgentInfo::host, AgentInfo::alive)
                .containsExactly(tuple("h1", true),
                        tuple("h2", true), tuple("h3", true));
    }

    @Test
    void longPollAnswersSoonAfterADeploymentStarts() throws Exception {
        register("r1");
        agent("h1").heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        CompletableFuture<Optional<DesiredRelease>> poll =
                CompletableFuture.supplyAsync(() -> agent("h1").desired("h1", 0, Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.waitingPolls() == 1);

        Deployment deployment = client.createDeployment("r1", "web");

        // well under the 20 s the poll would wait, with room for a loaded machine
        Optional<DesiredRelease> desired = await().atMost(Duration.ofSeconds(5)).until(() -> poll.getNow(null),
                r -> r != null);
        assertThat(desired).hasValueSatisfying(d -> {
            assertThat(d.deploymentId()).isEqualTo(deployment.id());
            assertThat(d.release().id()).isEqualTo("r1");
        });
        // asking again with a stale id answers at once
        assertThat(agent("h1").desired("h1", 0, Duration.ofSeconds(20))).isPresent();
    }

    @Test
    void longPollAnswers204AfterTheWaitAnd404ForUnknownAgents() throws Exception {
        register("r1");
        agent("h1").heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        long id = client.createDeployment("r1", "web").id();

        long started = System.nanoTime();
        assertThat(agent("h1").desired("h1", id, Duration.ofMillis(200))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
        // the waiter is dropped right after the answer is written
        await().atMost(Duration.ofSeconds(2)).until(() -> tracker.waitingPolls() == 0);

        assertThatThrownBy(() -> agent("ghost").desired("ghost", 0, Duration.ofMillis(100)))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void reportsShowUpInTheDeploymentStatus() throws Exception {
        register("r1");
        agent("h1").heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        agent("h2").heartbeat("h2", new AgentHeartbeat(List.of("web"), 6882, null));
        Deployment deployment = client.createDeployment("r1", "web");

        agent("h1").report("h1", new StateReport(deployment.id(), "r1", HostPhase.DOWNLOADING, 40, null));
        agent("h1").report("h1", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 100, null));
        agent("h9").report("h9", new StateReport(deployment.id(), "r1", HostPhase.FAILED, 0, "no space"));

        DeploymentStatus status = client.deployment(deployment.id());
        assertThat(status.deployment()).isEqualTo(deployment);
        assertThat(status.hosts()).extracting(HostState::host, HostState::state, HostState::progress, HostState::alive)
                .containsExactly(tuple("h1", HostPhase.ACTIVE, 100, true),
                        tuple("h2", HostPhase.PENDING, 0, true),
                        tuple("h9", HostPhase.FAILED, 0, false));
        assertThat(status.hosts().get(2).reason()).isEqualTo("no space");

        assertThatThrownBy(() -> agent("h1").report("h1", new StateReport(999, "r1", HostPhase.ACTIVE, 100, null)))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        TrackerClient h1 = agent("h1");
        assertThatThrownBy(() -> h1.report("h1", new StateReport(deployment.id(), "r1", HostPhase.ACTIVE, 101, null)))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT));
        assertThatThrownBy(() -> client.deployment(999))
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void aRestartOnTheSameDataDirKeepsEverything() throws Exception {
        register("r1");
        agent("h1").heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, "r0"));
        Deployment deployment = client.createDeployment("r1", "web");
        agent("h1").report("h1", new StateReport(deployment.id(), "r1", HostPhase.STAGED, 100, null));
        TrackerStatus before = client.status();

        tracker.close();
        tracker.close(); // idempotent
        tracker = TrackerDaemon.start(config());
        client = new TrackerClient(tracker.url(), auth.deployer());
        agents.clear(); // clients of the old tracker's URL

        TrackerStatus after = client.status();
        assertThat(after).isEqualTo(before);
        assertThat(agent("h1").desired("h1", 0, Duration.ZERO)).hasValueSatisfying(
                d -> assertThat(d.deploymentId()).isEqualTo(deployment.id()));
        assertThat(client.createDeployment("r1", "web").id()).isGreaterThan(deployment.id());
    }

    @Test
    void announceOverHttpWithBinaryInfoHash() throws Exception {
        ReleaseManifest manifest = register("r1");
        byte[] infoHash = HexFormat.of().parseHex(manifest.infoHash());

        String first = RawHttp.get(tracker.url(), "/announce?" + announceQuery(infoHash, 1, 6881, 0));
        String second = RawHttp.get(tracker.url(), "/announce?" + announceQuery(infoHash, 2, 6882, 100));

        assertThat(first).startsWith("d8:completei1e10:incompletei0e8:intervali2e12:min intervali2e5:peers0:e");
        // the first peer as seen from the connection: 127.0.0.1:6881
        assertThat(second).isEqualTo("d8:completei1e10:incompletei1e8:intervali2e12:min intervali2e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e1e");
        assertThat(RawHttp.get(tracker.url(), "/scrape?info_hash=" + pct(infoHash)))
                .endsWith("d8:completei1e10:downloadedi0e10:incompletei1eeee");
    }

    private static String announceQuery(byte[] infoHash, int peer, int port, long left) {
        byte[] peerId = new byte[20];
        peerId[0] = (byte) 0x9f;
        peerId[19] = (byte) peer;
        return "info_hash=" + pct(infoHash) + "&peer_id=" + pct(peerId) + "&port=" + port + "&left=" + left
                + "&compact=1&numwant=50";
    }

    private static String pct(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return out.toString();
    }

    private ReleaseManifest register(String id) throws Exception {
        RegisterRelease release = TestReleases.make(work, id, id);
        return client.registerRelease(release.manifest(), release.torrent());
    }
}
