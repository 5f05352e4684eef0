package murder.tracker.announce;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The swarms, in memory: peers re-announce every few seconds (libtorrent every few minutes), so after a restart
 * they are back within one interval and there is nothing worth persisting. A peer that stops announcing is dropped
 * after twice the interval it announces at ({@link PeerExpiry}; bt may lose its {@code stopped} event).
 *
 * <p>Peers are keyed by who announced: the connection's source address and the announced port (the claimed
 * address only where the operator trusts it), not by the address others are told, which a peer on the tracker's
 * host gives in its {@code ip} parameter and may leave out of a later announce. So a {@code stopped} removes
 * exactly the peer that sent it, and a changed {@code ip} moves the peer instead of leaving a ghost behind. Not the
 * peer id either: a restarted client comes back with a new random one and replaces its old entry.
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
        Endpoint reachableAt;
        boolean complete;
        Instant lastSeen;
        /** The interval this peer announces at, from the gaps between its regular announces; null: not known yet. */
        Duration cadence;
        Instant expiresAt;
    }

    private static final class Swarm {
        final Map<InetSocketAddress, Peer> peers = new LinkedHashMap<>();
        int downloaded;

        Counts counts() {
            int complete = (int) peers.values().stream().filter(p -> p.complete).count();
            return new Counts(complete, peers.size() - complete, downloaded);
        }
    }

    private final Clock clock;
    private final PeerExpiry expiry;
    private final Map<String, Swarm> swarms = new HashMap<>();
    private Instant lastSweep;

    /** @param floor the least time a silent peer stays listed; peers with a longer cadence stay longer */
    public PeerStore(Clock clock, Duration floor) {
        this(clock, PeerExpiry.withFloor(floor));
    }

    PeerStore(Clock clock, PeerExpiry expiry) {
        this.clock = clock;
        this.expiry = expiry;
        this.lastSweep = clock.instant();
    }

    /**
     * Records one announce and answers it.
     *
     * @param who         who announced (source address and port); null if unknown: nothing is recorded
     * @param reachableAt the address other peers are given; null when there is none they could use (an IPv6
     *                    source without an IPv4 {@code ip}): the peer is not listed, but still gets peers
     */
    public synchronized Answer announce(String infoHash, InetSocketAddress who, Endpoint reachableAt, Event event,
                                        boolean complete, int numwant) {
        Instant now = clock.instant();
        sweepIfDue(now);
        Swarm swarm = swarms.computeIfAbsent(infoHash, k -> new Swarm());
        expire(swarm, now);
        if (who != null) {
            if (event == Event.STOPPED || reachableAt == null) {
                swarm.peers.remove(who);
            } else {
                record(swarm, who, reachableAt, event, complete, now);
            }
        }
        Answer answer = new Answer(swarm.counts(), pick(swarm, who, reachableAt, complete, numwant));
        if (isForgettable(swarm)) {
            swarms.remove(infoHash);
        }
        return answer;
    }

    private void record(Swarm swarm, InetSocketAddress who, Endpoint reachableAt, Event event, boolean complete,
                        Instant now) {
        Peer peer = swarm.peers.get(who);
        boolean finished = peer == null ? event == Event.COMPLETED : !peer.complete && complete;
        if (finished) {
            swarm.downloaded++;
        }
        if (peer == null) {
            peer = new Peer();
            swarm.peers.put(who, peer);
        } else if (event == Event.NONE) {
            // only regular announces tell the cadence: started/completed come on top of it
            peer.cadence = PeerExpiry.learn(peer.cadence, Duration.between(peer.lastSeen, now));
        }
        peer.reachableAt = reachableAt;
        peer.complete = complete;
        peer.lastSeen = now;
        peer.expiresAt = now.plus(expiry.allowance(peer.cadence));
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
    private static List<Endpoint> pick(Swarm swarm, InetSocketAddress who, Endpoint self, boolean selfComplete,
                                       int numwant) {
        // a set: two announcers may give the same address (a peer on the tracker's host announcing both ways)
        Set<Endpoint> found = new LinkedHashSet<>();
        swarm.peers.forEach((announcer, peer) -> {
            if (!announcer.equals(who) && !peer.reachableAt.equals(self) && !(selfComplete && peer.complete)) {
                found.add(peer.reachableAt);
            }
        });
        List<Endpoint> others = new ArrayList<>(found);
        if (others.size() <= numwant) {
            return others;
        }
        // a random sample, so that every peer gets a different slice of a large swarm
        Collections.shuffle(others, ThreadLocalRandom.current());
        return List.copyOf(others.subList(0, numwant));
    }

    private static void expire(Swarm swarm, Instant now) {
        swarm.peers.values().removeIf(p -> p.expiresAt.isBefore(now));
    }

    /** An empty swarm that never saw a download has nothing to tell a scrape. */
    private static boolean isForgettable(Swarm swarm) {
        return swarm.peers.isEmpty() && swarm.downloaded == 0;
    }

    /** Swarms nobody announces to any more are only looked at here: once per floor, over all of them. */
    private void sweepIfDue(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(expiry.floor()) < 0) {
            return;
        }
        lastSweep = now;
        swarms.values().forEach(s -> expire(s, now));
        swarms.values().removeIf(PeerStore::isForgettable);
    }
}
