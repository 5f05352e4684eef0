package murder.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import murder.cli.demo.SampleRelease;
import murder.core.api.AgentInfo;
import murder.core.api.CreateDeployment;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.core.client.TrackerClient;
import murder.core.client.TrackerUrls;
import murder.core.testing.TestAuth;
import murder.core.trust.Envelope;
import murder.core.trust.KeyFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed deployments with the packaged jar as real processes: agents that trust key A run only what A signed, newer
 * than what they run, and go back only on a signed rollback. One tracker and three agents serve every step in order
 * (each step builds on the releases the previous ones activated): two agents with tag {@code sig} trust A; one with
 * tag {@code rot} trusts A and B (a key rotation in progress).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SigningE2ETest {

    static final List<Integer> SIG_AGENTS = List.of(1, 2);
    static final int ROT_AGENT = 3;

    @TempDir
    static Path tmp;

    MurderProcesses processes;
    String trackerUrl;
    TrackerClient client;
    KeyFiles.Written keyA;
    KeyFiles.Written keyB;
    TestAuth auth;

    @BeforeAll
    void startTrackerAndAgents() throws Exception {
        processes = new MurderProcesses(tmp.resolve("logs"));
        trackerUrl = "http://127.0.0.1:" + MurderProcesses.freePort();
        auth = TestAuth.create(tmp.resolve("auth"));
        client = new TrackerClient(TrackerUrls.parse(trackerUrl), auth.deployer());
        assertThat(processes.run("keygen-a", 60, "keygen", "--out", tmp.resolve("keys/a").toString())).isZero();
        keyA = new KeyFiles.Written(tmp.resolve("keys/a.key"), tmp.resolve("keys/a.pub"),
                processes.stdout("keygen-a").lines().filter(l -> l.startsWith("keyid")).findFirst().orElseThrow()
                        .split("\\s+")[1]);
        keyB = KeyFiles.generate(tmp.resolve("keys/b"));
        processes.start("tracker", "tracker", "--port", trackerUrl.substring(trackerUrl.lastIndexOf(':') + 1),
                "--bind", "127.0.0.1", "--data-dir", tmp.resolve("tracker").toString(), "--deployer-tokens",
                auth.deployerTokens().toString(), "--agent-secrets", auth.agentSecrets().toString());
        for (int i : SIG_AGENTS) {
            startAgent(i, "sig", "--trust", keyA.publicKey().toString());
        }
        startAgent(ROT_AGENT, "rot", "--trust", keyA.publicKey().toString(), "--trust", keyB.publicKey().toString());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.status().agents().stream().filter(AgentInfo::alive).count() == 3);
        for (String release : List.of("s1", "s2", "s3")) {
            SampleRelease.generate(tmp.resolve("build-" + release), 1_000_000L, release.hashCode());
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        processes.close();
    }

    @Test
    @Order(1)
    void signedDeploysRun() throws Exception {
        assertThat(deploy("s1", "sig", "--key", keyA.privateKey().toString())).isZero();
        assertThat(deploy("s2", "sig", "--key", keyA.privateKey().toString())).isZero();
        assertEveryoneRuns("s2");
        assertThat(processes.stderr(lastDeployLog)).contains("signed by key " + keyA.keyid());
    }

    @Test
    @Order(2)
    void anUnsignedDeployIsRejectedEverywhere() throws Exception {
        assertThat(deploy("s3", "sig", "--unsigned")).isEqualTo(1);
        assertRejectedEverywhere(newest(), "unsigned: deploy with --key", "s2", "s3");
    }

    @Test
    @Order(3)
    void aDeploySignedByAnUntrustedKeyIsRejectedEverywhere() throws Exception {
        assertThat(deploy("s3", "sig", "--key", keyB.privateKey().toString())).isEqualTo(1);
        assertRejectedEverywhere(newest(), "signed by unknown key " + keyB.keyid(), "s2", "s3");
    }

    @Test
    @Order(4)
    void aStatementAlteredAtTheTrackerIsRejectedEverywhere() throws Exception {
        // an attacker with the tracker's API takes A's statement for s2 and points it at s3 (registered, never run)
        Envelope genuine = signatureOf("s2");
        String json = new String(Base64.getDecoder().decode(genuine.payload()), UTF_8);
        String forged = json.replace("\"releaseId\":\"s2\"", "\"releaseId\":\"s3\"");
        assertThat(forged).isNotEqualTo(json);
        Envelope tampered = new Envelope(genuine.payloadType(),
                Base64.getEncoder().encodeToString(forged.getBytes(UTF_8)), genuine.signatures());

        Deployment attack = client.createDeployment(new CreateDeployment("s3", "sig", tampered));

        assertRejectedEverywhere(attack.id(), "altered after signing", "s2", "s3");
    }

    @Test
    @Order(5)
    void aReplayedOldStatementIsRejectedEverywhere() throws Exception {
        // the genuine, untouched statement that once deployed s1, posted again as a new deployment
        Deployment replay = client.createDeployment(new CreateDeployment("s1", "sig", signatureOf("s1")));

        assertRejectedEverywhere(replay.id(), "replayed or out-of-date statement", "s2", "s1");
    }

    @Test
    @Order(6)
    void goingBackNeedsASignedRollback() throws Exception {
        assertThat(deploy("s1", "sig", "--key", keyA.privateKey().toString())).isEqualTo(1);
        assertRejectedEverywhere(newest(), "deploy with --rollback", "s2", "s1");

        assertThat(deploy("s1", "sig", "--key", keyA.privateKey().toString(), "--rollback")).isZero();
        assertEveryoneRuns("s1");
    }

    @Test
    @Order(7)
    void duringAKeyRotationBothKeysAreAccepted() throws Exception {
        assertThat(deploy("s2", "rot", "--key", keyA.privateKey().toString())).isZero();
        assertThat(deploy("s3", "rot", "--key", keyB.privateKey().toString())).isZero();
        assertThat(Files.readSymbolicLink(deployRoot(ROT_AGENT).resolve("current")))
                .isEqualTo(Path.of("releases/s3"));
    }

    private void startAgent(int i, String tag, String... trust) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("agent", "--tracker", trackerUrl, "--host", "sig-" + i,
                "--tags", tag, "--deploy-root", deployRoot(i).toString(), "--data-dir", dataDir(i).toString(),
                "--port", "0"));
        args.addAll(List.of(trust));
        processes.start(Map.of("MURDER_TOKEN", auth.agentToken("sig-" + i)), "agent-" + i,
                args.toArray(String[]::new));
    }

    private int deployCount;
    private String lastDeployLog;

    /** Runs `murder deploy` on the build of {@code release}; its logs are deploy-RELEASE-N. */
    private int deploy(String release, String tag, String... signing) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("deploy", tmp.resolve("build-" + release).toString(),
                "--tracker", trackerUrl, "--release", release, "--tag", tag, "--timeout", "90s"));
        args.addAll(List.of(signing));
        lastDeployLog = "deploy-" + release + "-" + (++deployCount);
        return processes.run(Map.of("MURDER_TOKEN", auth.deployerToken()), lastDeployLog, 150,
                args.toArray(String[]::new));
    }

    private long newest() {
        return client.status().deployments().get(0).deployment().id();
    }

    private Envelope signatureOf(String release) {
        return client.status().deployments().stream().map(DeploymentStatus::deployment)
                .filter(d -> d.release().equals(release) && d.signature() != null && d.tag().equals("sig"))
                .reduce((newer, older) -> older).orElseThrow().signature();
    }

    private void assertEveryoneRuns(String release) throws Exception {
        for (int i : SIG_AGENTS) {
            assertThat(Files.readSymbolicLink(deployRoot(i).resolve("current")))
                    .isEqualTo(Path.of("releases/" + release));
        }
    }

    /** Every sig agent reported REJECTED with the reason, still runs {@code current}, and fetched nothing new. */
    private void assertRejectedEverywhere(long deploymentId, String reason, String current, String release)
            throws Exception {
        List<HostState> hosts = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.deployment(deploymentId).hosts(),
                        h -> h.size() == SIG_AGENTS.size() && h.stream().allMatch(s -> s.state().isTerminal()));
        assertThat(hosts).allSatisfy(h -> {
            assertThat(h.state()).isEqualTo(HostPhase.REJECTED);
            assertThat(h.reason()).contains(reason);
        });
        assertEveryoneRuns(current);
        for (int i : SIG_AGENTS) {
            if (!release.equals("s1")) { // s1 ran here before: its old download may still be kept
                assertThat(dataDir(i).resolve("downloads/" + release)).doesNotExist();
            }
            assertThat(processes.stderr("agent-" + i)).doesNotContain("deployment " + deploymentId + " release "
                    + release + ": downloaded");
        }
    }

    private Path deployRoot(int i) {
        return tmp.resolve("agent-" + i + "/deploy");
    }

    private Path dataDir(int i) {
        return tmp.resolve("agent-" + i + "/data");
    }
}
