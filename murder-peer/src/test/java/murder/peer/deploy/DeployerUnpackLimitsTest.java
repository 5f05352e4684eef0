package murder.peer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.tarball.UnpackLimits;
import murder.core.trust.TrustPolicy;
import murder.peer.activate.DeployRoot;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import murder.peer.testing.LocalTarballSource;
import murder.peer.testing.RecordingSink;
import murder.peer.testing.TestReleases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's unpack limits reach the stager: a release over them ends FAILED with the limit, current kept. */
class DeployerUnpackLimitsTest {

    private static final DeploymentTrust UNSIGNED =
            new DeploymentTrust(TrustPolicy.allowingUnsigned(), java.util.List.of("web"));

    @TempDir
    Path work;

    @Test
    void aReleaseOverTheAgentsLimitsFailsAndCurrentStays() throws IOException {
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        DataDir data = new DataDir(work.resolve("data"));
        TestReleases.Built r1 = TestReleases.build(work, "r1");
        TestReleases.Built r2 = TestReleases.build(work, "r2");
        LocalTarballSource source = new LocalTarballSource().add(r1.manifest(), r1.tarball())
                .add(r2.manifest(), r2.tarball());
        RecordingSink sink = new RecordingSink();
        AgentStateStore state = AgentStateStore.open(data.stateFile());
        Deployer generous = new Deployer(root, data, state, sink, source, 5, UNSIGNED,
                UnpackLimits.defaults());
        assertThat(generous.deploy(new DesiredRelease(1, r1.manifest()), new Cancellation())).contains(HostPhase.ACTIVE);

        Deployer strict = new Deployer(root, data, state, sink, source, 5, UNSIGNED,
                UnpackLimits.defaults().withMaxEntries(3));
        assertThat(strict.deploy(new DesiredRelease(2, r2.manifest()), new Cancellation())).contains(HostPhase.FAILED);

        assertThat(sink.last().reason()).contains("cannot unpack release r2").contains("more than 3 files")
                .contains("--max-files");
        assertThat(root.currentRelease()).contains("r1");
        assertThat(root.releaseDir("r2")).doesNotExist();
    }
}
