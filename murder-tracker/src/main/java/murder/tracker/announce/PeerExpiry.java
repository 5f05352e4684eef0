package murder.tracker.announce;

import java.time.Duration;

/**
 * How long a peer stays listed after its last announce: twice the interval it actually announces at, at least
 * {@code floor} and at most {@code cap}. Clients do not all follow the tracker's {@code interval}: murder's agents
 * (bt) announce every 2 s on their own schedule, libtorrent never more often than every 300 s whatever the tracker
 * says. A fixed timeout either dropped libtorrent seeds between their announces or kept dead agents listed for
 * minutes; this keeps each peer for what its own cadence makes likely.
 *
 * <p>The interval is learnt from the gaps between a peer's regular announces (events are extra announces, not the
 * cadence). Until one gap is known the peer gets the cap: a client's first interval may be the longest one. A gap
 * shorter than the one known only lowers it by a quarter, so one early announce (a client re-announcing at once
 * for a reason of its own) does not make a 300 s peer look like a 2 s one.
 *
 * @param floor the least time a peer stays listed, whatever its cadence (a dead murder agent goes after it)
 * @param cap   the most, also for a peer whose cadence is not known yet
 */
record PeerExpiry(Duration floor, Duration cap) {

    /** Long enough for libtorrent's 300 s between announces, twice over. */
    static final Duration DEFAULT_CAP = Duration.ofMinutes(10);

    PeerExpiry {
        if (floor.isNegative() || floor.isZero() || cap.compareTo(floor) < 0) {
            throw new IllegalArgumentException("peer expiry needs 0 < floor <= cap, got " + floor + " and " + cap);
        }
    }

    /** The floor the operator set, the default cap (or the floor, if that is longer). */
    static PeerExpiry withFloor(Duration floor) {
        return new PeerExpiry(floor, floor.compareTo(DEFAULT_CAP) > 0 ? floor : DEFAULT_CAP);
    }

    /** The cadence to expect after a regular announce {@code gap} after the previous one; null: not known yet. */
    static Duration learn(Duration known, Duration gap) {
        if (known == null || gap.compareTo(known) >= 0) {
            return gap;
        }
        Duration decayed = known.multipliedBy(3).dividedBy(4);
        return gap.compareTo(decayed) > 0 ? gap : decayed;
    }

    /** How long a peer with this cadence (null: not known) stays listed after an announce. */
    Duration allowance(Duration cadence) {
        if (cadence == null) {
            return cap;
        }
        Duration twice = cadence.multipliedBy(2);
        return twice.compareTo(floor) < 0 ? floor : twice.compareTo(cap) > 0 ? cap : twice;
    }
}
