package murder.peer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    private static final long MS = 1_000_000L;

    @Test
    void reportsBigStepsAtOnceSmallOnesAtMostEvery500Ms() {
        ProgressThrottle throttle = new ProgressThrottle();
        assertThat(throttle.shouldReport(0, 0)).isTrue();
        assertThat(throttle.shouldReport(0, 600 * MS)).as("no change, no report").isFalse();
        assertThat(throttle.shouldReport(2, 700 * MS)).as("small change after 500 ms").isTrue();
        assertThat(throttle.shouldReport(3, 800 * MS)).as("small change too soon").isFalse();
        assertThat(throttle.shouldReport(7, 900 * MS)).as("5 points since the last report").isTrue();
        assertThat(throttle.shouldReport(8, 1000 * MS)).isFalse();
        assertThat(throttle.shouldReport(100, 1100 * MS)).as("done").isTrue();
    }

    @Test
    void aSteadyStreamOfCallbacksGivesFewReports() {
        ProgressThrottle throttle = new ProgressThrottle();
        int reports = 0;
        for (int i = 0; i <= 1000; i++) { // 1000 callbacks 10 ms apart, progress 0.1% each
            if (throttle.shouldReport(i / 10, i * 10 * MS)) {
                reports++;
            }
        }
        assertThat(reports).isBetween(15, 25);
    }
}
