package murder.peer.deploy;

import static murder.core.api.HostPhase.ACTIVE;
import static murder.core.api.HostPhase.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.trust.DeployStatement;
import murder.core.trust.Envelope;
import murder.core.trust.TrustPolicy;
import murder.peer.activate.DeployRoot;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import murder.peer.testing.LocalTarballSource;
import murder.peer.testing.RecordingSink;
import murder.peer.testing.TestReleases;
import murder.peer.testing.TestSigning;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust check at the top of a deployment, with real keys, real tarballs and a real deploy root. */
class DeployerTrustTest {

    @TempDir
    Path work;

    private DeployRoot root;
    private DataDir data;
    private final RecordingSink sink = new RecordingSink();
    private final LocalTarballSource source = new LocalTarballSource();
    private TestSigning keyA;
    private TestSigning keyB;
    private ReleaseManifest older;
    private ReleaseManifest newer;

    @BeforeEach
    void setUp() throws IOException {
        root = new DeployRoot(work.resolve("deploy"));
        data = new DataDir(work.resolve("data"));
        keyA = new TestSigning(work, "a");
        keyB = new TestSigning(work, "b");
        older = withCreatedAt(TestReleases.build(work, "r1"), "2025-01-01T00:00:00Z");
        newer = withCreatedAt(TestReleases.build(work, "r2"), "2025-02-01T00:00:00Z");
    }

    private ReleaseManifest withCreatedAt(TestReleases.Built built, String createdAt) {
        ReleaseManifest m = built.manifest();
        ReleaseManifest signed = new ReleaseManifest(m.id(), m.fileName(), m.size(), m.sha256(), "0".repeat(40),
                m.pieceSize(), Instant.parse(createdAt));
        source.add(signed, built.tarball());
        return signed;
    }

    private Deployer deployer(TrustPolicy policy) {
        return new Deployer(root, data, AgentStateStore.open(data.stateFile()), sink, source, 5,
                new DeploymentTrust(policy, List.of("web", "eu")));
    }

    private Optional<HostPhase> deploy(Deployer deployer, long id, ReleaseManifest release, Envelope signature) {
        return deployer.deploy(new DesiredRelease(id, release, signature), new Cancellation());
    }

    private StateReport lastReport(long id) {
        return sink.reports.stream().filter(r -> r.deploymentId() == id).reduce((a, b) -> b).orElseThrow();
    }

    /** Nothing fetched, nothing reported but REJECTED, current where it was, and the reason recorded. */
    private void assertRejectedUntouched(long id, Optional<String> current, String reasonPart) {
        StateReport last = lastReport(id);
        assertThat(last.state()).isEqualTo(REJECTED);
        assertThat(last.reason()).contains(reasonPart);
        assertThat(sink.reports.stream().filter(r -> r.deploymentId() == id)).extracting(StateReport::state)
                .containsOnly(REJECTED);
        assertThat(root.currentRelease()).isEqualTo(current);
        var state = AgentStateStore.open(data.stateFile()).get();
        assertThat(state.lastDeploymentId()).isEqualTo(id);
        assertThat(state.outcome()).isEqualTo(REJECTED);
    }

    @Test
    void aDeploymentSignedByATrustedKeyRunsAndItsVersionIsRemembered() {
        assertThat(deploy(deployer(keyA.trustPolicy()), 1, older, keyA.sign(older, "web", 100))).contains(ACTIVE);

        assertThat(root.currentRelease()).contains("r1");
        var applied = AgentStateStore.open(data.stateFile()).get().applied();
        assertThat(applied.version()).isEqualTo(100);
        assertThat(applied.releaseId()).isEqualTo("r1");
    }

    @Test
    void unsignedUnknownKeyAndWrongTagAreRejectedBeforeAnyDownload() {
        Deployer deployer = deployer(keyA.trustPolicy());

        assertThat(deploy(deployer, 1, older, null)).contains(REJECTED);
        assertRejectedUntouched(1, Optional.empty(), "unsigned: deploy with --key");

        assertThat(deploy(deployer, 2, older, keyB.sign(older, "web", 100))).contains(REJECTED);
        assertRejectedUntouched(2, Optional.empty(), "signed by unknown key " + keyB.keyid());

        assertThat(deploy(deployer, 3, older, keyA.sign(older, "db", 100))).contains(REJECTED);
        assertRejectedUntouched(3, Optional.empty(), "signed for tag db");

        assertThat(source.fetched).isEmpty();
        assertThat(data.root().resolve("downloads")).doesNotExist();
    }

    @Test
    void aReplayedOrOlderVersionIsRejectedButTheSameStatementAgainAfterARestartIsFine() {
        Deployer deployer = deployer(keyA.trustPolicy());
        Envelope first = keyA.sign(older, "web", 100);
        assertThat(deploy(deployer, 1, older, first)).contains(ACTIVE);
        assertThat(deploy(deployer, 2, newer, keyA.sign(newer, "web", 200))).contains(ACTIVE);

        // an attacker re-posts the first, validly signed statement as a new deployment
        assertThat(deploy(deployer, 3, older, first)).contains(REJECTED);
        assertRejectedUntouched(3, Optional.of("r2"), "version 100 <= 200");

        // the tracker hands out the statement this host applied last again (say, after a restart): nothing to do
        Envelope latest = keyA.sign(newer, "web", 200);
        assertThat(deployer(keyA.trustPolicy()).deploy(new DesiredRelease(2, newer, latest), new Cancellation()))
                .contains(ACTIVE);
        assertThat(source.fetched).containsExactly("r1", "r2");
    }

    @Test
    void goingBackToAnOlderReleaseNeedsARollbackStatement() {
        Deployer deployer = deployer(keyA.trustPolicy());
        assertThat(deploy(deployer, 1, older, keyA.sign(older, "web", 100))).contains(ACTIVE);
        assertThat(deploy(deployer, 2, newer, keyA.sign(newer, "web", 200))).contains(ACTIVE);

        assertThat(deploy(deployer, 3, older, keyA.sign(older, "web", 300))).contains(REJECTED);
        assertRejectedUntouched(3, Optional.of("r2"), "deploy with --rollback");

        source.fetched.clear();
        assertThat(deploy(deployer, 4, older, keyA.sign(older, "web", 400, true))).contains(ACTIVE);
        assertThat(root.currentRelease()).contains("r1");
        assertThat(AgentStateStore.open(data.stateFile()).get().applied().version()).isEqualTo(400);
        // r1 was still unpacked here: the rollback is a symlink swap, nothing downloaded
        assertThat(source.fetched).isEmpty();
        assertThat(sink.reports).filteredOn(r -> r.deploymentId() == 4).extracting(StateReport::state)
                .containsExactly(HostPhase.STAGED, HostPhase.ACTIVATING, ACTIVE);
    }

    @Test
    void aRollbackToAReleaseNoLongerUnpackedHereDownloadsIt() throws IOException {
        Deployer deployer = deployer(keyA.trustPolicy());
        assertThat(deploy(deployer, 1, older, keyA.sign(older, "web", 100))).contains(ACTIVE);
        assertThat(deploy(deployer, 2, newer, keyA.sign(newer, "web", 200))).contains(ACTIVE);
        murder.core.DirectoryTrees.deleteTree(root.releaseDir("r1")); // as retention would
        source.fetched.clear();

        assertThat(deploy(deployer, 3, older, keyA.sign(older, "web", 300, true))).contains(ACTIVE);

        assertThat(source.fetched).containsExactly("r1");
        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r1"));
    }

    @Test
    void theSignedValuesWinOverWhatTheTrackerClaims() {
        // a lying tracker names another release and a wrong hash; the statement says r1
        ReleaseManifest lie = new ReleaseManifest("r2", newer.fileName(), 1, "f".repeat(64), "1".repeat(40),
                older.pieceSize(), newer.createdAt());
        assertThat(deploy(deployer(keyA.trustPolicy()), 1, lie, keyA.sign(older, "web", 100))).contains(ACTIVE);
        assertThat(root.currentRelease()).contains("r1");
        assertThat(source.fetched).containsExactly("r1");
    }

    @Test
    void keyRotationAcceptsBothKeys() {
        Deployer deployer = deployer(keyA.trustPolicy(keyB));
        assertThat(deploy(deployer, 1, older, keyA.sign(older, "web", 100))).contains(ACTIVE);
        assertThat(deploy(deployer, 2, newer, keyB.sign(newer, "eu", 200))).contains(ACTIVE);
        assertThat(root.currentRelease()).contains("r2");
    }

    @Test
    void alteredStatementIsRejected() {
        Envelope good = keyA.sign(older, "web", 100);
        String json = new String(java.util.Base64.getDecoder().decode(good.payload()));
        String forged = json.replace("\"version\":100", "\"version\":999");
        assertThat(forged).isNotEqualTo(json);
        Envelope tampered = new Envelope(good.payloadType(),
                java.util.Base64.getEncoder().encodeToString(forged.getBytes()), good.signatures());

        assertThat(deploy(deployer(keyA.trustPolicy()), 1, older, tampered)).contains(REJECTED);
        assertRejectedUntouched(1, Optional.empty(), "altered after signing");
    }

    @Test
    void allowUnsignedTakesUnsignedDeploymentsWithoutLoweringTheVersion() throws IOException {
        TrustPolicy lab = new TrustPolicy(keyA.trustPolicy().keys(), true);
        assertThat(deploy(deployer(lab), 1, older, keyA.sign(older, "web", 100))).contains(ACTIVE);
        assertThat(deploy(deployer(lab), 2, newer, null)).contains(ACTIVE);
        assertThat(deploy(deployer(lab), 3, older, keyB.sign(older, "web", 300))).contains(REJECTED);

        var applied = AgentStateStore.open(data.stateFile()).get().applied();
        assertThat(applied.releaseId()).isEqualTo("r2");
        assertThat(applied.version()).isEqualTo(100);
        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r2"));
        assertThat(deploy(deployer(TrustPolicy.allowingUnsigned()), 4, older,
                keyB.sign(DeployStatement.of(older, "web", 1, false, Instant.now())))).contains(ACTIVE);
    }
}
