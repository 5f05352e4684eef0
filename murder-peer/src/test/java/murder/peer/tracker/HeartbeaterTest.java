package murder.peer.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import murder.core.api.AgentHeartbeat;
import murder.core.client.TrackerClient;
import murder.peer.testing.FakeTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeats over HTTP to a tracker stand-in: which ones a fresh report makes redundant, and which it never does. */
class HeartbeaterTest {

    private static final Duration INTERVAL = Duration.ofMillis(40);

    private FakeTracker tracker;
    private Heartbeater heartbeater;

    @BeforeEach
    void openTracker() throws Exception {
        tracker = new FakeTracker();
    }

    @AfterEach
    void closeAll() {
        if (heartbeater != null) {
            heartbeater.close();
        }
        tracker.close();
    }

    private Heartbeater start(Supplier<Optional<String>> active, boolean reportedJustNow) {
        TrackerLink link = new TrackerLink(new TrackerClient(tracker.url()), "h1");
        heartbeater = new Heartbeater(link, List.of("web"), 6881, active, INTERVAL, () -> reportedJustNow).start();
        return heartbeater;
    }

    @Test
    void withoutReportsEveryIntervalIsAHeartbeat() {
        Heartbeater h = start(() -> Optional.of("r1"), false);

        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.heartbeats.size() >= 6);
        assertThat(h.skippedCount()).isZero();
    }

    @Test
    void whileReportsFlowEveryOtherHeartbeatIsSkippedButNeverTwoInARow() {
        Heartbeater h = start(() -> Optional.of("r1"), true);

        await().atMost(Duration.ofSeconds(10)).until(() -> h.sentCount() >= 6);
        h.close();
        int sent = h.sentCount();
        int skipped = h.skippedCount();
        // the first one always goes (it registers the agent), then skip, send, skip, send...
        assertThat(skipped).isBetween(sent - 1, sent);
        assertThat(tracker.heartbeats).hasSizeBetween(sent, sent + 1).allMatch(b -> "r1".equals(b.activeRelease()));
    }

    @Test
    void aNewActiveReleaseIsNeverSkipped() {
        AtomicInteger calls = new AtomicInteger();
        Heartbeater h = start(() -> Optional.of("r" + calls.incrementAndGet()), true); // a new release every time

        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.heartbeats.size() >= 6);
        assertThat(h.skippedCount()).isZero();
        assertThat(tracker.heartbeats).extracting(AgentHeartbeat::activeRelease).doesNotHaveDuplicates();
    }
}
