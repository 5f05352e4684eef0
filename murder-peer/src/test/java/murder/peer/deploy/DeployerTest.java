package murder.peer.deploy;

import static murder.core.api.HostPhase.ACTIVATING;
import static murder.core.api.HostPhase.ACTIVE;
import static murder.core.api.HostPhase.DOWNLOADING;
import static murder.core.api.HostPhase.FAILED;
import static murder.core.api.HostPhase.PENDING;
import static murder.core.api.HostPhase.REJECTED;
import static murder.core.api.HostPhase.STAGED;
import static murder.core.api.HostPhase.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.trust.TrustPolicy;
import murder.peer.activate.DeployRoot;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import murder.peer.testing.LocalTarballSource;
import murder.peer.testing.RecordingSink;
import murder.peer.testing.TestReleases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerTest {

    @TempDir
    Path work;

    private DeployRoot root;
    private DataDir data;
    private final RecordingSink sink = new RecordingSink();
    private final LocalTarballSource source = new LocalTarballSource();
    private TestReleases.Built r1;
    private TestReleases.Built r2;

    @BeforeEach
    void releases() throws IOException {
        root = new DeployRoot(work.resolve("deploy"));
        data = new DataDir(work.resolve("data"));
        r1 = TestReleases.build(work, "r1");
        r2 = TestReleases.build(work, "r2");
        source.add(r1.manifest(), r1.tarball()).add(r2.manifest(), r2.tarball());
    }

    private Deployer deployer(int keep) {
        return new Deployer(root, data, AgentStateStore.open(data.stateFile()), sink, source, keep,
                new DeploymentTrust(TrustPolicy.allowingUnsigned(), List.of("web")));
    }

    private Optional<HostPhase> deploy(Deployer deployer, long id, ReleaseManifest release) {
        return deployer.deploy(new DesiredRelease(id, release), new Cancellation());
    }

    @Test
    void deploysAReleaseThroughEveryPhase() throws IOException {
        assertThat(deploy(deployer(5), 1, r1.manifest())).contains(ACTIVE);

        assertThat(sink.phases()).containsExactly(PENDING, DOWNLOADING, VERIFYING, STAGED, ACTIVATING, ACTIVE);
        assertThat(sink.reports).allMatch(r -> r.deploymentId() == 1 && r.release().equals("r1"));
        assertThat(sink.reports).filteredOn(r -> r.state() == DOWNLOADING).extracting(StateReport::progress)
                .isSorted().contains(0, 50);
        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r1"));
        assertThat(Files.readString(root.current().resolve("VERSION"))).isEqualTo("r1\n");
        assertThat(data.tarball(r1.manifest())).exists(); // kept to seed it
        var state = AgentStateStore.open(data.stateFile()).get();
        assertThat(state.lastDeploymentId()).isEqualTo(1);
        assertThat(state.outcome()).isEqualTo(ACTIVE);
        assertThat(state.activationsNewestFirst()).containsExactly("r1");
    }

    @Test
    void aWrongSha256FailsWithBothHashesDeletesTheTarballAndActivatesNothing() throws IOException {
        ReleaseManifest lying = TestReleases.manifest("r1", r1.tarball(), "00".repeat(32));

        assertThat(deploy(deployer(5), 1, lying)).contains(FAILED);

        StateReport last = sink.last();
        assertThat(last.state()).isEqualTo(FAILED);
        assertThat(last.reason()).contains("00".repeat(32)).contains(r1.manifest().sha256()).contains("deleted");
        assertThat(sink.phases()).doesNotContain(STAGED, ACTIVATING, ACTIVE);
        assertThat(data.tarball(lying)).doesNotExist();
        assertThat(source.stopped).contains("r1");
        assertThat(Files.exists(root.current(), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(root.releaseDir("r1")).doesNotExist();
    }

    @Test
    void anUnwritableDeployRootIsReportedAndTheAgentCarriesOn() throws IOException {
        Path file = work.resolve("plain-file");
        Files.writeString(file, "x");
        root = new DeployRoot(file.resolve("deploy"));

        assertThat(deploy(deployer(5), 1, r1.manifest())).contains(FAILED);

        assertThat(sink.last().reason()).contains(root.root().toString()).contains("Not a directory")
                .contains("make " + root.root() + " writable by the agent's user");
        assertThat(source.fetched).as("nothing downloaded before the check").isEmpty();
    }

    @Test
    void anUnwritableDataDirIsReportedAndCurrentStaysAsItWas() throws IOException {
        assertThat(deploy(deployer(5), 1, r1.manifest())).contains(ACTIVE);
        Path file = work.resolve("plain-file");
        Files.writeString(file, "x");
        data = new DataDir(file.resolve("data"));

        assertThat(deploy(deployer(5), 2, r2.manifest())).contains(FAILED);

        assertThat(sink.last().reason()).contains(data.root().toString()).contains("writable by the agent's user");
        assertThat(root.currentRelease()).contains("r1");
    }

    @Test
    void aTarballThatCannotBeUnpackedLeavesCurrentAndNoStagingBehind() throws IOException {
        deploy(deployer(5), 1, r1.manifest());
        Path junk = work.resolve("junk.tar.gz");
        Files.write(junk, new byte[] {1, 2, 3});
        ReleaseManifest bad = TestReleases.manifest("bad", junk, murder.core.Sha256.ofFile(junk));
        source.add(bad, junk);

        assertThat(deploy(deployer(5), 2, bad)).contains(FAILED);

        assertThat(sink.last().reason()).contains("cannot unpack");
        assertThat(root.currentRelease()).contains("r1");
        try (var entries = Files.list(root.root())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("releases", "current");
        }
    }

    @Test
    void alreadyActiveIsReportedAtOnceWithoutRedoingWorkAfterARestart() throws IOException {
        deploy(deployer(5), 1, r1.manifest());
        Path marker = root.releaseDir("r1").resolve("written-after-unpack");
        Files.writeString(marker, "x");
        sink.reports.clear();
        source.fetched.clear();

        // a new process: state reloaded from disk, the tracker answers with the same deployment again
        assertThat(deploy(deployer(5), 1, r1.manifest())).contains(ACTIVE);

        assertThat(sink.reports).extracting(StateReport::state).containsExactly(ACTIVE);
        assertThat(source.fetched).isEmpty();
        assertThat(source.seeded).containsExactly("r1");
        assertThat(marker).exists();
    }

    @Test
    void aRollbackReusesTheUnpackedReleaseInsteadOfUnpackingAgain() throws IOException {
        Deployer deployer = deployer(5);
        deploy(deployer, 1, r1.manifest());
        Path marker = root.releaseDir("r1").resolve("written-after-unpack");
        Files.writeString(marker, "x");
        deploy(deployer, 2, r2.manifest());

        assertThat(deploy(deployer, 3, r1.manifest())).contains(ACTIVE);

        assertThat(root.currentRelease()).contains("r1");
        assertThat(marker).as("not unpacked again").exists();
        assertThat(AgentStateStore.open(data.stateFile()).get().activationsNewestFirst()).containsExactly("r1", "r2");
    }

    @Test
    void retentionKeepsTheNewestReleasesAndTheirTarballs() throws IOException {
        Deployer deployer = deployer(2);
        TestReleases.Built r3 = TestReleases.build(work, "r3");
        source.add(r3.manifest(), r3.tarball());
        deploy(deployer, 1, r1.manifest());
        deploy(deployer, 2, r2.manifest());
        deploy(deployer, 3, r3.manifest());

        assertThat(root.releaseDir("r1")).doesNotExist();
        assertThat(data.downloadDir("r1")).doesNotExist();
        assertThat(root.releaseDir("r2")).isDirectory();
        assertThat(data.tarball(r2.manifest())).exists();
        assertThat(root.currentRelease()).contains("r3");
        assertThat(source.stopped).contains("r1");
        assertThat(AgentStateStore.open(data.stateFile()).get().activations()).containsExactly("r2", "r3");
    }

    @Test
    void aNewerDeploymentAbandonsTheDownload() throws Exception {
        source.gate = new CompletableFuture<>(); // the download never finishes on its own
        Cancellation cancel = new Cancellation();
        Deployer deployer = deployer(5);
        CompletableFuture<Optional<HostPhase>> running = CompletableFuture.supplyAsync(
                () -> deployer.deploy(new DesiredRelease(1, r1.manifest()), cancel));
        source.downloadStarted.get(10, TimeUnit.SECONDS);

        cancel.supersede(2);

        assertThat(running.get(10, TimeUnit.SECONDS)).contains(FAILED);
        assertThat(sink.last().reason()).isEqualTo("superseded by deployment 2");
        assertThat(Files.exists(root.current(), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void shutdownLeavesAnInterruptedDownloadToBeResumed() throws Exception {
        source.gate = new CompletableFuture<>();
        Cancellation cancel = new Cancellation();
        Deployer deployer = deployer(5);
        CompletableFuture<Optional<HostPhase>> running = CompletableFuture.supplyAsync(
                () -> deployer.deploy(new DesiredRelease(1, r1.manifest()), cancel));
        source.downloadStarted.get(10, TimeUnit.SECONDS);

        cancel.shutdown();

        assertThat(running.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(sink.last().state()).isEqualTo(DOWNLOADING);
        assertThat(AgentStateStore.open(data.stateFile()).get().outcome()).isEqualTo(DOWNLOADING);
    }

    @Test
    void aManifestWithAnUnsafeFileNameIsRejected() {
        ReleaseManifest evil = new ReleaseManifest("r1", "../../etc/passwd", 1, "00", null, 1, null);

        assertThat(deploy(deployer(5), 1, evil)).contains(REJECTED);
        assertThat(sink.last().reason()).contains("invalid");
        assertThat(source.fetched).isEmpty();
    }
}
