package murder.peer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.peer.activate.DeployRoot;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import murder.peer.testing.LocalTarballSource;
import murder.peer.testing.RecordingSink;
import murder.peer.testing.TestReleases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployWorkerTest {

    private static final DeploymentTrust UNSIGNED_OK =
            new DeploymentTrust(murder.core.trust.TrustPolicy.allowingUnsigned(), java.util.List.of("web"));

    @TempDir
    Path work;

    @Test
    void aNewerDeploymentSupersedesTheRunningOneAndThenRuns() throws Exception {
        TestReleases.Built r1 = TestReleases.build(work, "r1");
        TestReleases.Built r2 = TestReleases.build(work, "r2");
        LocalTarballSource source = new LocalTarballSource().add(r1.manifest(), r1.tarball()).add(r2.manifest(), r2.tarball());
        source.gate = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        DataDir data = new DataDir(work.resolve("data"));
        Deployer deployer = new Deployer(root, data, AgentStateStore.open(data.stateFile()), sink, source, 5,
                UNSIGNED_OK);

        try (DeployWorker worker = new DeployWorker(deployer, sink).start()) {
            worker.submit(new DesiredRelease(1, r1.manifest()));
            source.downloadStarted.get(10, TimeUnit.SECONDS);
            worker.submit(new DesiredRelease(1, r1.manifest())); // repeated news: ignored
            source.gate = CompletableFuture.completedFuture(null);
            worker.submit(new DesiredRelease(2, r2.manifest()));

            await().atMost(Duration.ofSeconds(20)).until(() -> !worker.isBusy());
        }

        assertThat(sink.reports).filteredOn(r -> r.deploymentId() == 1).last()
                .extracting(StateReport::state, StateReport::reason)
                .containsExactly(HostPhase.FAILED, "superseded by deployment 2");
        assertThat(sink.reports).filteredOn(r -> r.deploymentId() == 2).last()
                .extracting(StateReport::state).isEqualTo(HostPhase.ACTIVE);
        assertThat(root.currentRelease()).contains("r2");
    }

    @Test
    void aQueuedDeploymentThatNeverStartedIsReportedSuperseded() throws IOException, Exception {
        TestReleases.Built r1 = TestReleases.build(work, "r1");
        LocalTarballSource source = new LocalTarballSource().add(r1.manifest(), r1.tarball());
        source.gate = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        DataDir data = new DataDir(work.resolve("data"));
        Deployer deployer = new Deployer(new DeployRoot(work.resolve("deploy")), data,
                AgentStateStore.open(data.stateFile()), sink, source, 5, UNSIGNED_OK);

        try (DeployWorker worker = new DeployWorker(deployer, sink)) {
            // not started: both wait in the queue, the second replaces the first
            worker.submit(new DesiredRelease(1, r1.manifest()));
            worker.submit(new DesiredRelease(2, r1.manifest()));
        }

        assertThat(sink.reports).extracting(StateReport::deploymentId, StateReport::state, StateReport::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, HostPhase.FAILED, "superseded by deployment 2"));
    }

    @Test
    void aCancelAbandonsTheRunningDeploymentAndLeavesCurrentWhereItWas() throws Exception {
        TestReleases.Built r1 = TestReleases.build(work, "r1");
        TestReleases.Built r2 = TestReleases.build(work, "r2");
        LocalTarballSource source = new LocalTarballSource().add(r1.manifest(), r1.tarball()).add(r2.manifest(), r2.tarball());
        RecordingSink sink = new RecordingSink();
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        DataDir data = new DataDir(work.resolve("data"));
        Deployer deployer = new Deployer(root, data, AgentStateStore.open(data.stateFile()), sink, source, 5,
                UNSIGNED_OK);

        try (DeployWorker worker = new DeployWorker(deployer, sink).start()) {
            worker.submit(new DesiredRelease(1, r1.manifest()));
            await().atMost(Duration.ofSeconds(20)).until(() -> !worker.isBusy());
            source.gate = new CompletableFuture<>(); // r2's download hangs until cancelled
            worker.submit(new DesiredRelease(2, r2.manifest()));
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.reports.stream()
                    .anyMatch(r -> r.deploymentId() == 2 && r.state() == HostPhase.DOWNLOADING));

            worker.submit(new DesiredRelease(2, r2.manifest(), null, true));

            await().atMost(Duration.ofSeconds(20)).until(() -> !worker.isBusy());
            // news of a cancelled deployment never starts it (an agent restarting after the cancel)
            worker.submit(new DesiredRelease(3, r2.manifest(), null, true));
            assertThat(worker.isBusy()).isFalse();
        }

        assertThat(sink.reports).filteredOn(r -> r.deploymentId() == 2).last()
                .extracting(StateReport::state, StateReport::reason)
                .containsExactly(HostPhase.FAILED, "cancelled by a deployer");
        assertThat(sink.reports).filteredOn(r -> r.deploymentId() == 3).isEmpty();
        assertThat(root.currentRelease()).contains("r1");
        assertThat(AgentStateStore.open(data.stateFile()).get().outcome()).isEqualTo(HostPhase.FAILED);
    }

    @Test
    void aCancelOfAQueuedDeploymentDropsItWithAReport() throws Exception {
        TestReleases.Built r1 = TestReleases.build(work, "r1");
        LocalTarballSource source = new LocalTarballSource().add(r1.manifest(), r1.tarball());
        RecordingSink sink = new RecordingSink();
        DataDir data = new DataDir(work.resolve("data"));
        Deployer deployer = new Deployer(new DeployRoot(work.resolve("deploy")), data,
                AgentStateStore.open(data.stateFile()), sink, source, 5, UNSIGNED_OK);

        try (DeployWorker worker = new DeployWorker(deployer, sink)) { // not started: the deployment waits
            worker.submit(new DesiredRelease(1, r1.manifest()));
            worker.submit(new DesiredRelease(1, r1.manifest(), null, true));
            assertThat(worker.isBusy()).isFalse();
        }

        assertThat(sink.reports).extracting(StateReport::deploymentId, StateReport::state, StateReport::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, HostPhase.FAILED,
                        "cancelled by a deployer before it started here"));
        assertThat(source.fetched).isEmpty();
    }
}
