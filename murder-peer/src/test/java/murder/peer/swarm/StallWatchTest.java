package murder.peer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import murder.core.bt.SwarmProgress;
import org.junit.jupiter.api.Test;

class StallWatchTest {

    private static final long S = 1_000_000_000L;

    private static SwarmProgress at(int pieces, long bytes, int peers) {
        return new SwarmProgress(100 * 1024, bytes, 0, pieces, 100, peers);
    }

    @Test
    void stallsOnlyAfterTheTimeoutWithoutNewPiecesOrBytes() {
        StallWatch watch = new StallWatch(Duration.ofSeconds(60), 0);
        assertThat(watch.check(at(0, 0, 0), false, 0)).isEmpty();
        assertThat(watch.check(at(0, 0, 0), false, 59 * S)).isEmpty();
        assertThat(watch.check(at(0, 0, 0), false, 60 * S)).contains(
                "no progress for 60 s at 0% with 0 peers: is the seeder still running? redeploy to retry");
    }

    @Test
    void anyProgressRestartsTheClock() {
        StallWatch watch = new StallWatch(Duration.ofSeconds(10), 0);
        watch.check(at(3, 3000, 2), false, 0);
        assertThat(watch.check(at(3, 4000, 2), false, 9 * S)).isEmpty(); // bytes, not yet a whole piece
        assertThat(watch.check(at(4, 4000, 2), false, 18 * S)).isEmpty();
        assertThat(watch.check(at(4, 4000, 1), false, 27 * S)).isEmpty();
        assertThat(watch.check(at(4, 4000, 1), false, 28 * S)).contains(
                "no progress for 10 s at 4% with 1 peer: is the seeder still running? redeploy to retry");
    }

    @Test
    void theClockStartsAfterBtCheckedTheDataOnDiskWhichIsBoundedToo() {
        StallWatch watch = new StallWatch(Duration.ofSeconds(10), 0);
        assertThat(watch.check(at(0, 0, 0), true, 30 * S)).isEmpty();
        assertThat(watch.check(at(0, 0, 0), false, 39 * S)).isEmpty();
        assertThat(watch.check(at(0, 0, 0), false, 40 * S)).isPresent();
        StallWatch slowDisk = new StallWatch(Duration.ofSeconds(10), 0);
        assertThat(slowDisk.check(at(0, 0, 0), true, 100 * S)).contains(
                "checking the data already on disk took over 100 s: check the data dir's disk, then redeploy");
    }

    @Test
    void saysDurationsTheWayTheyWereGiven() {
        assertThat(StallWatch.human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(StallWatch.human(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(StallWatch.human(Duration.ofMinutes(5))).isEqualTo("5 min");
    }
}
