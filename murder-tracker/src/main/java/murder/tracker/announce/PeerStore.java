package murder.tracker.announce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The swarms, in memory: peers re-announce every few seconds, so after a restart they are back within one
 * interval and there is nothing worth persisting. A peer that stops announcing is dropped after the timeout
 * (bt may lose its {@code stopped} event).
 *
 * <p>Peers are keyed by address and port, not peer id: that is what others connect to, and a restarted
 * client that comes back with a new random peer id replaces its old entry instead of doubling it.
 */
public final class PeerStore {

    public enum Event { NONE, STARTED, COMPLETED, STOPPED }

    /** Counts for one swarm; {@code downloaded} counts peers seen finishing since the tracker started. */
    public record Counts(int complete, int incomplete, int downloaded) {
    }

    /** What an announcing peer learns: the swarm's counts and up to numwant other peers. */
    public record Answer(Counts counts, List<Endpoint> peers) {
    }

    private static final class Peer {
        boolean complete;
        Instant lastSeen;
    }

    private static final class Swarm {
        final Map<Endpoint, Peer> peers = new LinkedHashMap<>();
        int downloaded;

        Counts counts() {
            int complete = (int) peers.values().stream().filter(p -> p.complete).count();
            return new Counts(complete, peers.size() - complete, downloaded);
        }
    }

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Swarm> swarms = new HashMap<>();
    private Instant lastSweep;

    public PeerStore(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
        this.lastSweep = clock.instant();
    }

    /**
     * Records one announce and answers it. {@code self} is null when the peer's address cannot be given to
     * others (not IPv4); it still gets peers.
     */
    public synchronized Answer announce(String infoHash, Endpoint self, Event event, boolean complete, int numwant) {
        Instant now = clock.instant();
        sweepIfDue(now);
        Swarm swarm = swarms.computeIfAbsent(infoHash, k -> new Swarm());
        expire(swarm, now);
        if (self != null) {
            if (event == Event.STOPPED) {
                swarm.peers.remove(self);
            } else {
                Peer peer = swarm.peers.get(self);
                boolean finished = peer == null ? event == Event.COMPLETED : !peer.complete && complete;
                if (finished) {
                    swarm.downloaded++;
                }
                if (peer == null) {
                    peer = new Peer();
                    swarm.peers.put(self, peer);
                }
                peer.complete = complete;
                peer.lastSeen = now;
            }
        }
        Answer answer = new Answer(swarm.counts(), pick(swarm, self, complete, numwant));
        if (isForgettable(swarm)) {
            swarms.remove(infoHash);
        }
        return answer;
    }

    public synchronized Counts counts(String infoHash) {
        Swarm swarm = swarms.get(infoHash);
        if (swarm == null) {
            return new Counts(0, 0, 0);
        }
        expire(swarm, clock.instant());
        return swarm.counts();
    }

    /** The info-hashes that have, or had, peers since the tracker started. */
    public synchronized List<String> infoHashes() {
        return List.copyOf(swarms.keySet());
    }

    /**
     * Seeds get only leechers: two complete peers have nothing to trade, and bt keeps reconnecting to every seed
     * it is told of, which made a swarm of idle seeding agents burn both cores of a machine.
     */
    private static List<Endpoint> pick(Swarm swarm, Endpoint self, boolean selfComplete, int numwant) {
        List<Endpoint> others = new ArrayList<>();
        swarm.peers.forEach((endpoint, peer) -> {
            if (!endpoint.equals(self) && !(selfComplete && peer.complete)) {
                others.add(endpoint);
            }
        });
        if (others.size() <= numwant) {
            return others;
        }
        // a random sample, so that every peer gets a different slice of a large swarm
        Collections.shuffle(others, ThreadLocalRandom.current());
        return List.copyOf(others.subList(0, numwant));
    }

    private void expire(Swarm swarm, Instant now) {
        Instant oldest = now.minus(timeout);
        swarm.peers.values().removeIf(p -> p.lastSeen.isBefore(oldest));
    }

    /** An empty swarm that never saw a download has nothing to tell a scrape. */
    private static boolean isForgettable(Swarm swarm) {
        return swarm.peers.isEmpty() && swarm.downloaded == 0;
    }

    /** Swarms nobody announces to any more are only looked at here: once per timeout, over all of them. */
    private void sweepIfDue(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(timeout) < 0) {
            return;
        }
        lastSweep = now;
        swarms.values().forEach(s -> expire(s, now));
        swarms.values().removeIf(PeerStore::isForgettable);
    }
}
