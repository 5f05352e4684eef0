package murder.peer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    private static final long MS = 1_000_000L;

    @Test
    void reportsBigStepsAtOnceSmallOnesAtMostEvery2s() {
        ProgressThrottle throttle = new ProgressThrottle();
        assertThat(throttle.shouldReport(0, 0)).isTrue();
        assertThat(throttle.shouldReport(0, 2100 * MS)).as("no change, no report").isFalse();
        assertThat(throttle.shouldReport(2, 2200 * MS)).as("small change after 2 s").isTrue();
        assertThat(throttle.shouldReport(9, 3000 * MS)).as("small change too soon").isFalse();
        assertThat(throttle.shouldReport(12, 3100 * MS)).as("10 points since the last report").isTrue();
        assertThat(throttle.shouldReport(13, 3200 * MS)).isFalse();
        assertThat(throttle.shouldReport(100, 3300 * MS)).as("done").isTrue();
    }

    @Test
    void aSteadyStreamOfCallbacksGivesFewReports() {
        ProgressThrottle throttle = new ProgressThrottle();
        int reports = 0;
        for (int i = 0; i <= 3000; i++) { // 30 s of callbacks 10 ms apart, 1 point every 300 ms
            if (throttle.shouldReport(i / 30, i * 10 * MS)) {
                reports++;
            }
        }
        assertThat(reports).as("one every 2 s, and the 100").isBetween(14, 17);
    }
}
