package murder.tracker.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import murder.tracker.MutableClock;
import murder.tracker.announce.PeerStore.Event;
import org.junit.jupiter.api.Test;

class PeerStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    private final PeerStore store = new PeerStore(clock, Duration.ofSeconds(30));
    private final Endpoint seeder = Endpoint.parse("10.0.0.1", 6881).orElseThrow();
    private final Endpoint doneAgent = Endpoint.parse("10.0.0.2", 6881).orElseThrow();
    private final Endpoint leecher = Endpoint.parse("10.0.0.3", 6881).orElseThrow();

    @Test
    void seedsAreToldOnlyOfLeechersAndLeechersOfEveryone() {
        announce(seeder, Event.STARTED, true);
        announce(doneAgent, Event.COMPLETED, true);
        announce(leecher, Event.STARTED, false);

        assertThat(announce(seeder, Event.NONE, true).peers()).containsExactly(leecher);
        assertThat(announce(doneAgent, Event.NONE, true).peers()).containsExactly(leecher);
        assertThat(announce(leecher, Event.NONE, false).peers()).containsExactlyInAnyOrder(seeder, doneAgent);
    }

    @Test
    void aSwarmOfSeedsHandsOutNoPeersButCountsThemAll() {
        announce(seeder, Event.STARTED, true);
        PeerStore.Answer answer = announce(doneAgent, Event.NONE, true);
        assertThat(answer.peers()).isEmpty();
        assertThat(answer.counts().complete()).isEqualTo(2);
    }

    @Test
    void aPeerAnnouncingEveryTwoSecondsIsDroppedThirtySecondsAfterItWentSilent() {
        announce(seeder, Event.STARTED, true);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(2));
            announce(seeder, Event.NONE, true);
        }
        // a murder agent killed here: the floor, not twice its 2 s cadence, decides
        clock.advance(Duration.ofSeconds(29));
        assertThat(announce(leecher, Event.STARTED, false).peers()).containsExactly(seeder);
        clock.advance(Duration.ofSeconds(2));
        assertThat(announce(leecher, Event.NONE, false).peers()).isEmpty();
    }

    @Test
    void aPeerAnnouncingEveryFiveMinutesStaysListedBetweenItsAnnounces() {
        // libtorrent: started, completed at once, then every 300 s whatever the tracker's interval says
        announce(seeder, Event.STARTED, false);
        clock.advance(Duration.ofSeconds(3));
        announce(seeder, Event.COMPLETED, true);
        for (int round = 0; round < 3; round++) {
            clock.advance(Duration.ofSeconds(299));
            assertThat(announce(leecher, Event.NONE, false).peers()).as("round %d", round).containsExactly(seeder);
            clock.advance(Duration.ofSeconds(1));
            announce(seeder, Event.NONE, true);
        }
        // one early re-announce does not make it look like a 2 s peer
        clock.advance(Duration.ofSeconds(2));
        announce(seeder, Event.NONE, true);
        clock.advance(Duration.ofSeconds(299));
        assertThat(announce(leecher, Event.NONE, false).peers()).containsExactly(seeder);
        // gone silent for good: dropped after twice its cadence
        clock.advance(Duration.ofSeconds(302));
        assertThat(announce(leecher, Event.NONE, false).peers()).isEmpty();
    }

    @Test
    void aPeerSeenOnceStaysListedUntilTheCapSinceItsCadenceIsUnknown() {
        announce(seeder, Event.STARTED, true);
        clock.advance(PeerExpiry.DEFAULT_CAP.minusSeconds(1));
        assertThat(announce(leecher, Event.STARTED, false).peers()).containsExactly(seeder);
        clock.advance(Duration.ofSeconds(2));
        assertThat(announce(leecher, Event.NONE, false).peers()).isEmpty();
    }

    @Test
    void stoppedRemovesByWhoAnnouncedNotByTheAddressItGave() {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 7000);
        Endpoint claimed = Endpoint.parse("10.9.9.9", 7000).orElseThrow();
        store.announce("h", loopback, claimed, Event.STARTED, true, 50);
        assertThat(announce(leecher, Event.STARTED, false).peers()).containsExactly(claimed);

        Endpoint moved = Endpoint.parse("10.9.9.10", 7000).orElseThrow();
        store.announce("h", loopback, moved, Event.NONE, true, 50);
        assertThat(announce(leecher, Event.NONE, false).peers()).containsExactly(moved);

        store.announce("h", loopback, Endpoint.parse("127.0.0.1", 7000).orElseThrow(), Event.STOPPED, true, 0);
        assertThat(announce(leecher, Event.NONE, false).peers()).isEmpty();
        assertThat(store.counts("h").complete()).isZero();
    }

    @Test
    void twoAnnouncersGivingOneAddressAreHandedOutOnce() {
        store.announce("h", new InetSocketAddress("127.0.0.1", 7000), seeder, Event.STARTED, true, 50);
        announce(seeder, Event.STARTED, true);
        assertThat(announce(leecher, Event.STARTED, false).peers()).containsExactly(seeder);
    }

    @Test
    void expiryIsTwiceTheCadenceBetweenFloorAndCap() {
        PeerExpiry expiry = new PeerExpiry(Duration.ofSeconds(30), Duration.ofMinutes(10));
        assertThat(expiry.allowance(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(30));
        assertThat(expiry.allowance(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(600));
        assertThat(expiry.allowance(Duration.ofSeconds(1800))).isEqualTo(Duration.ofMinutes(10));
        assertThat(expiry.allowance(null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(PeerExpiry.learn(Duration.ofSeconds(300), Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(225));
        assertThat(PeerExpiry.learn(Duration.ofSeconds(2), Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(300));
        assertThat(PeerExpiry.withFloor(Duration.ofHours(1)).cap()).isEqualTo(Duration.ofHours(1));
    }

    private PeerStore.Answer announce(Endpoint peer, Event event, boolean complete) {
        return store.announce("h", peer.socketAddress(), peer, event, complete, 50);
    }
}
