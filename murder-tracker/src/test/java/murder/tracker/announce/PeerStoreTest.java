package murder.tracker.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import murder.tracker.announce.PeerStore.Event;
import org.junit.jupiter.api.Test;

class PeerStoreTest {

    private final PeerStore store = new PeerStore(Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC),
            Duration.ofSeconds(30));
    private final Endpoint seeder = Endpoint.parse("10.0.0.1", 6881).orElseThrow();
    private final Endpoint doneAgent = Endpoint.parse("10.0.0.2", 6881).orElseThrow();
    private final Endpoint leecher = Endpoint.parse("10.0.0.3", 6881).orElseThrow();

    @Test
    void seedsAreToldOnlyOfLeechersAndLeechersOfEveryone() {
        store.announce("h", seeder, Event.STARTED, true, 50);
        store.announce("h", doneAgent, Event.COMPLETED, true, 50);
        store.announce("h", leecher, Event.STARTED, false, 50);

        assertThat(store.announce("h", seeder, Event.NONE, true, 50).peers()).containsExactly(leecher);
        assertThat(store.announce("h", doneAgent, Event.NONE, true, 50).peers()).containsExactly(leecher);
        assertThat(store.announce("h", leecher, Event.NONE, false, 50).peers())
                .containsExactlyInAnyOrder(seeder, doneAgent);
    }

    @Test
    void aSwarmOfSeedsHandsOutNoPeersButCountsThemAll() {
        store.announce("h", seeder, Event.STARTED, true, 50);
        PeerStore.Answer answer = store.announce("h", doneAgent, Event.NONE, true, 50);
        assertThat(answer.peers()).isEmpty();
        assertThat(answer.counts().complete()).isEqualTo(2);
    }
}
