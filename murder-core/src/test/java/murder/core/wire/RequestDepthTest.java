package murder.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much is asked of a murder peer at a time follows the rate it sends at. */
class RequestDepthTest {

    @Test
    void theRateIsKnownOnlyOnceAQuarterSecondHasPassedAndThenFollowsTheLatestWindow() {
        RateMeter meter = new RateMeter(0);
        meter.add(100_000, 100_000_000L);
        assertThat(meter.perSecond()).isZero();
        meter.add(200_000, 300_000_000L); // 300 KB in 0.3 s
        assertThat(meter.perSecond()).isEqualTo(1_000_000);
        meter.add(50_000, 400_000_000L); // the next window is not complete yet
        assertThat(meter.perSecond()).isEqualTo(1_000_000);
        meter.add(0, 800_000_000L); // 50 KB in 0.5 s
        assertThat(meter.perSecond()).isEqualTo(100_000);
    }

    @Test
    void aQuarterSecondOfThePeersRateIsAskedWithinBounds() {
        assertThat(WireSwarm.murderInFlight(0)).isEqualTo(128 * 1024);
        assertThat(WireSwarm.murderInFlight(300_000)).isEqualTo(128 * 1024); // a 20 Mbit/s link shared by 8
        assertThat(WireSwarm.murderInFlight(8_000_000)).isEqualTo(2_000_000);
        assertThat(WireSwarm.murderInFlight(1_000_000_000)).isEqualTo(4 * 1024 * 1024);
    }
}
