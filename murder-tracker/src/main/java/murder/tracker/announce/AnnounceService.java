package murder.tracker.announce;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import murder.core.MurderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BitTorrent side of the tracker: announce (BEP 3, compact peers per BEP 23) and scrape (BEP 48), answered
 * in bencoding so any standard client works. Only registered releases are tracked; everything else is
 * refused with a {@code failure reason}, as trackers do (HTTP 200, the failure is in the body).
 */
public final class AnnounceService {

    private static final Logger log = LoggerFactory.getLogger(AnnounceService.class);

    private final PeerStore peers;
    private final Predicate<String> isTracked;
    private final long intervalSeconds;
    private final boolean trustPeerIp;

    public AnnounceService(PeerStore peers, Predicate<String> isTracked, Duration interval, boolean trustPeerIp) {
        this.peers = peers;
        this.isTracked = isTracked;
        this.intervalSeconds = interval.toSeconds();
        this.trustPeerIp = trustPeerIp;
    }

    /** Answers one announce from its raw query string: even an undecodable one gets a bencoded failure. */
    public byte[] announce(String rawQuery, InetAddress remote) {
        RawQuery query;
        try {
            query = RawQuery.parse(rawQuery);
        } catch (MurderException e) {
            return failure("bad announce: " + e.getMessage());
        }
        return announce(query, remote);
    }

    /** Answers one announce; {@code remote} is the connection's source address (null if unknown). */
    public byte[] announce(RawQuery query, InetAddress remote) {
        AnnounceRequest req;
        try {
            req = AnnounceRequest.parse(query);
        } catch (MurderException e) {
            return failure("bad announce: " + e.getMessage());
        }
        if (!isTracked.test(req.infoHash())) {
            return failure("unknown info_hash " + req.infoHash() + ": only releases registered with this tracker are tracked");
        }
        Endpoint claimed = Endpoint.parse(req.ip(), req.port()).orElse(null);
        InetSocketAddress who = announcer(req, remote, claimed);
        Endpoint reachableAt = reachableAt(req, remote, claimed);
        PeerStore.Answer answer = peers.announce(req.infoHash(), who, reachableAt, req.event(), req.isComplete(),
                req.numwant());
        log.debug("announce {} from {} (reachable at {}) peer {} event {} left {} -> {} peers ({} complete, {} incomplete)",
                req.infoHash(), who, reachableAt, HexFormat.of().formatHex(req.peerId()), req.event(), req.left(),
                answer.peers().size(), answer.counts().complete(), answer.counts().incomplete());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("interval", intervalSeconds);
        // equal to interval on purpose: bt announces at the longer of its own setting (2 s) and this, so a longer
        // min interval would slow murder's agents; standard clients read it as "not more often than this"
        out.put("min interval", intervalSeconds);
        out.put("complete", answer.counts().complete());
        out.put("incomplete", answer.counts().incomplete());
        out.put("peers", CompactPeers.encode(answer.peers()));
        return Bencode.encode(out);
    }

    /** A scrape from its raw query string: even an undecodable one gets a bencoded failure. */
    public byte[] scrape(String rawQuery) {
        RawQuery query;
        try {
            query = RawQuery.parse(rawQuery);
        } catch (MurderException e) {
            return failure("bad scrape: " + e.getMessage());
        }
        return scrape(query);
    }

    /** BEP 48: counts for the requested info-hashes, or for every tracked swarm when none is named. */
    public byte[] scrape(RawQuery query) {
        Map<String, Object> files = new LinkedHashMap<>();
        try {
            if (query.all("info_hash").isEmpty()) {
                for (String hex : peers.infoHashes()) {
                    files.put(Bencode.binaryKey(HexFormat.of().parseHex(hex)), counts(hex));
                }
            }
            for (byte[] raw : query.all("info_hash")) {
                String hex = AnnounceRequest.infoHash(raw);
                if (isTracked.test(hex)) {
                    files.put(Bencode.binaryKey(raw), counts(hex));
                }
            }
        } catch (MurderException e) {
            return failure("bad scrape: " + e.getMessage());
        }
        return Bencode.encode(Map.of("files", files));
    }

    /** BEP 3 failure answer: only {@code failure reason}, which bt's client reports as a tracker failure. */
    static byte[] failure(String reason) {
        return Bencode.encode(Map.of("failure reason", reason));
    }

    private Map<String, Object> counts(String hex) {
        PeerStore.Counts c = peers.counts(hex);
        return Map.of("complete", c.complete(), "downloaded", c.downloaded(), "incomplete", c.incomplete());
    }

    /**
     * The address others should connect to: the connection's source, unless the operator trusts the {@code ip}
     * parameter (NAT, proxies). The parameter is also used when the source cannot help other hosts: a loopback
     * source (a seeder on the tracker's own host) or an IPv6 one (compact peer lists carry IPv4 only).
     */
    private Endpoint reachableAt(AnnounceRequest req, InetAddress remote, Endpoint claimed) {
        Endpoint source = Endpoint.of(remote, req.port()).orElse(null);
        boolean sourceUseless = source == null || remote.isLoopbackAddress();
        if (claimed != null && (trustPeerIp || sourceUseless)) {
            return claimed;
        }
        return source;
    }

    /**
     * Who announced, which is how the swarm knows a peer: the source address and the announced port, whatever
     * {@code ip} says, so that a {@code stopped} with another or no {@code ip} still removes it. Only where the
     * operator trusts {@code ip} (peers behind one proxy share its source address) or the source is unknown is the
     * claimed address the key.
     */
    private InetSocketAddress announcer(AnnounceRequest req, InetAddress remote, Endpoint claimed) {
        if (claimed != null && (trustPeerIp || remote == null)) {
            return claimed.socketAddress();
        }
        return remote == null ? null : new InetSocketAddress(remote, req.port());
    }
}
