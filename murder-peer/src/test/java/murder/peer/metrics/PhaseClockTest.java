package murder.peer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.peer.metrics.PhaseClock.Step;
import org.junit.jupiter.api.Test;

class PhaseClockTest {

    private final AtomicLong nanos = new AtomicLong();
    private final PhaseClock clock = new PhaseClock(nanos::get);

    private void at(double seconds, long deployment, HostPhase phase, int progress) {
        nanos.set((long) (seconds * 1e9));
        clock.report(new StateReport(deployment, "r" + deployment, phase, progress, null));
    }

    @Test
    void measuresEachStepFromTheFirstReportOfItsPhaseToTheNext() {
        at(0, 1, HostPhase.PENDING, 0);
        at(1, 1, HostPhase.DOWNLOADING, 0);
        at(3, 1, HostPhase.DOWNLOADING, 50); // progress inside a phase does not restart its clock
        assertThat(clock.lastSeconds(Step.DOWNLOAD)).isEmpty();
        at(5.5, 1, HostPhase.VERIFYING, 100);
        at(6, 1, HostPhase.STAGED, 100);
        at(6.25, 1, HostPhase.ACTIVATING, 100);
        at(6.5, 1, HostPhase.ACTIVE, 100);

        assertThat(clock.lastSeconds(Step.DOWNLOAD)).hasValue(4.5);
        assertThat(clock.lastSeconds(Step.VERIFY_AND_UNPACK)).hasValue(0.5);
        assertThat(clock.lastSeconds(Step.ACTIVATION)).hasValue(0.25);
        assertThat(clock.deployments()).singleElement().satisfies(d -> {
            assertThat(d.phase()).isEqualTo(HostPhase.ACTIVE);
            assertThat(d.release()).isEqualTo("r1");
            assertThat(d.progress()).isEqualTo(100);
        });
        assertThat(clock.ended(HostPhase.ACTIVE)).isEqualTo(1);
    }

    @Test
    void aFailureRepeatedAfterARestartOfTheDeploymentCountsOnceAndOnlyTheNewestDeploymentsAreKept() {
        at(0, 1, HostPhase.DOWNLOADING, 10);
        at(1, 1, HostPhase.FAILED, 10);
        at(2, 1, HostPhase.FAILED, 10);
        assertThat(clock.ended(HostPhase.FAILED)).isEqualTo(1);
        assertThat(clock.lastSeconds(Step.DOWNLOAD)).isEmpty(); // it never got to VERIFYING
        for (long id = 2; id <= 2 + PhaseClock.KEPT; id++) {
            at(id, id, HostPhase.PENDING, 0);
        }
        assertThat(clock.deployments()).hasSize(PhaseClock.KEPT)
                .extracting(PhaseClock.Tracked::deploymentId).containsExactly(3L, 4L, 5L, 6L, 7L);
    }
}
