package murder.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadPacerTest {

    private static final long MS = 1_000_000L;

    /** A pacer that has seen {@code bytesPerSecond} over one full rate window. */
    private static ReadPacer at(long bytesPerSecond) {
        ReadPacer pacer = new ReadPacer(0);
        long window = RateMeter.WINDOW_NANOS;
        pacer.read((int) (bytesPerSecond * window / 1_000_000_000L), window);
        return pacer;
    }

    @Test
    void aShortReadOnASlowLinkWaitsForTheTargetToArrive() {
        ReadPacer pacer = at(8 * 1024 * 1024); // 8 MiB/s: 32 KiB take 3.9 ms
        assertEquals(ReadPacer.TARGET * 1_000_000_000L / (8 * 1024 * 1024), pacer.pauseNanos(1448, 100_000));
    }

    @Test
    void theWaitIsForWhatIsLeftOfTheMessageWhenThatIsLess() {
        ReadPacer pacer = at(8 * 1024 * 1024);
        assertEquals(16_384L * 1_000_000_000L / (8 * 1024 * 1024), pacer.pauseNanos(1448, 16_384));
    }

    @Test
    void aVerySlowLinkWaitsNoLongerThanTheCap() {
        assertEquals(ReadPacer.MAX_PAUSE_NANOS, at(100_000).pauseNanos(1448, 100_000));
        assertEquals(10 * MS, ReadPacer.MAX_PAUSE_NANOS);
    }

    @Test
    void noPauseAfterAFullRead() {
        assertEquals(0, at(8 * 1024 * 1024).pauseNanos(ReadPacer.SHORT_READ, 100_000));
    }

    @Test
    void noPauseForTheLastFewBytesOfAMessage() {
        assertEquals(0, at(100_000).pauseNanos(100, ReadPacer.WORTH_WAITING_FOR - 1));
    }

    @Test
    void noPauseOnAFastLink() {
        // 1 GB/s: 32 KiB arrive in 33 us, less than a pause is worth
        assertEquals(0, at(1_000_000_000L).pauseNanos(1448, 100_000));
    }

    @Test
    void noPauseBeforeTheRateIsKnown() {
        assertEquals(0, new ReadPacer(0).pauseNanos(1448, 100_000));
    }
}
