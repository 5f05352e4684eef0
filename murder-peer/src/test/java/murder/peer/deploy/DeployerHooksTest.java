package murder.peer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.core.trust.TrustPolicy;
import murder.peer.activate.DeployRoot;
import murder.peer.hooks.Hooks;
import murder.peer.state.AgentStateStore;
import murder.peer.state.DataDir;
import murder.peer.testing.LocalTarballSource;
import murder.peer.testing.RecordingSink;
import murder.peer.testing.TestReleases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's after-stage and after-activate commands, run by a real /bin/sh on a real deploy root. */
class DeployerHooksTest {

    @TempDir
    Path work;

    private DeployRoot root;
    private DataDir data;
    private final RecordingSink sink = new RecordingSink();
    private final LocalTarballSource source = new LocalTarballSource();
    private TestReleases.Built r1;
    private TestReleases.Built r2;
    private Path calls;

    @BeforeEach
    void setUp() throws Exception {
        root = new DeployRoot(work.resolve("deploy"));
        data = new DataDir(work.resolve("data"));
        r1 = TestReleases.build(work, "r1");
        r2 = TestReleases.build(work, "r2");
        source.add(r1.manifest(), r1.tarball()).add(r2.manifest(), r2.tarball());
        calls = work.resolve("calls.log");
    }

    private Optional<HostPhase> deploy(Hooks hooks, long id, TestReleases.Built release) {
        Deployer deployer = new Deployer(root, data, AgentStateStore.open(data.stateFile()), sink, source, 5,
                new DeploymentTrust(TrustPolicy.allowingUnsigned(), List.of("web")),
                murder.core.tarball.UnpackLimits.defaults(), hooks);
        return deployer.deploy(new DesiredRelease(id, release.manifest()), new Cancellation());
    }

    private String reason(long id) {
        return sink.reports.stream().filter(r -> r.deploymentId() == id).reduce((a, b) -> b)
                .map(StateReport::reason).orElseThrow();
    }

    /** Appends "hook release previous cwd" to the calls log, then runs {@code then}. */
    private String logged(String then) {
        return "echo \"$MURDER_HOOK $MURDER_RELEASE prev=$MURDER_PREVIOUS_RELEASE $(pwd)\" >> " + calls + "; " + then;
    }

    @Test
    void passingHooksRunAfterStagingInTheReleaseAndAfterActivationInTheRoot() throws Exception {
        Hooks hooks = new Hooks(logged("test -f VERSION"), logged("readlink current"), Duration.ofSeconds(30));

        assertThat(deploy(hooks, 1, r1)).contains(HostPhase.ACTIVE);
        assertThat(deploy(hooks, 2, r2)).contains(HostPhase.ACTIVE);

        assertThat(Files.readAllLines(calls)).containsExactly(
                "after-stage r1 prev= " + root.releaseDir("r1").toRealPath(),
                "after-activate r1 prev= " + root.root().toRealPath(),
                "after-stage r2 prev=r1 " + root.releaseDir("r2").toRealPath(),
                "after-activate r2 prev=r1 " + root.root().toRealPath());
        assertThat(root.currentRelease()).contains("r2");
    }

    @Test
    void aFailingAfterStageHookFailsTheHostWithItsOutputAndLeavesCurrent() {
        assertThat(deploy(Hooks.none(), 1, r1)).contains(HostPhase.ACTIVE);

        Hooks hooks = new Hooks("echo 'config.yml: unknown key \"prot\"' >&2; exit 3", null, Duration.ofSeconds(30));
        assertThat(deploy(hooks, 2, r2)).contains(HostPhase.FAILED);

        assertThat(reason(2)).isEqualTo("after-stage hook exited 3: config.yml: unknown key \"prot\"; current left "
                + "at r1");
        assertThat(root.currentRelease()).contains("r1");
        assertThat(sink.reports).filteredOn(r -> r.deploymentId() == 2).extracting(StateReport::state)
                .doesNotContain(HostPhase.ACTIVATING);
    }

    @Test
    void aFailingHealthCheckAfterActivationRollsTheHostBackAndRunsTheHookForThePreviousRelease() throws Exception {
        assertThat(deploy(Hooks.none(), 1, r1)).contains(HostPhase.ACTIVE);

        // the health check fails for r2 only
        Hooks hooks = new Hooks(null, logged("[ \"$MURDER_RELEASE\" != r2 ] || { echo 'GET /health: 503'; exit 1; }"),
                Duration.ofSeconds(30));
        assertThat(deploy(hooks, 2, r2)).contains(HostPhase.FAILED);

        assertThat(reason(2)).isEqualTo("after-activate hook exited 1: GET /health: 503; rolled back to r1");
        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r1"));
        assertThat(Files.readAllLines(calls)).extracting(l -> l.substring(0, l.lastIndexOf(' '))).containsExactly(
                "after-activate r2 prev=r1", "after-activate r1 prev=r2");
        // the state file says r1 is what runs: a restart does not take r2 for active
        assertThat(AgentStateStore.open(data.stateFile()).get().activationsNewestFirst().get(0)).isEqualTo("r1");
        assertThat(AgentStateStore.open(data.stateFile()).get().outcome()).isEqualTo(HostPhase.FAILED);
    }

    @Test
    void aHookThatHangsIsKilledAtItsTimeout() {
        assertThat(deploy(Hooks.none(), 1, r1)).contains(HostPhase.ACTIVE);
        long started = System.nanoTime();

        Hooks hooks = new Hooks(null, "[ \"$MURDER_RELEASE\" != r2 ] || { echo waiting; sleep 300; }",
                Duration.ofSeconds(1));
        assertThat(deploy(hooks, 2, r2)).contains(HostPhase.FAILED);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(reason(2)).isEqualTo("after-activate hook timed out after 1 s: waiting; rolled back to r1");
        assertThat(root.currentRelease()).contains("r1");
    }

    @Test
    void withNoPreviousReleaseAFailedCheckLeavesCurrentAndSaysSo() {
        Hooks hooks = new Hooks(null, "exit 7", Duration.ofSeconds(30));

        assertThat(deploy(hooks, 1, r1)).contains(HostPhase.FAILED);

        assertThat(reason(1)).isEqualTo("after-activate hook exited 7 with no output; no previous release to roll "
                + "back to, current stays at r1");
        assertThat(root.currentRelease()).contains("r1");
    }
}
