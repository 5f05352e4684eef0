package murder.core.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import murder.core.bt.SwarmProgress;
import murder.core.swarm.SwarmHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent in the wire engine: its file, its peers, and the choice of what to ask whom. Every interested peer is
 * unchoked (a private deployment swarm has no free riders to punish). Pieces are picked rarest first and finished
 * before new ones are started; the last blocks are asked of a second peer (end game). As the release host's first
 * seed it super-seeds: each peer is offered only pieces nobody else was given yet, so the release host sends about
 * one copy and the agents trade the rest among themselves.
 */
final class WireSwarm implements SwarmHandle {

    private static final Logger log = LoggerFactory.getLogger(WireSwarm.class);
    /** Blocks asked of one peer at a time: 512 KiB in flight keeps a loopback link and a shaped one busy. */
    static final int PIPELINE = 32;
    /**
     * Between murder peers: requests of up to 8 blocks (128 KiB, which they serve; standard clients drop a peer
     * asking for more than 16 KiB), an eighth of the messages and system calls.
     */
    static final int MURDER_RUN = Messages.MAX_BLOCK / Messages.BLOCK;
    /**
     * Bytes asked of a murder peer at a time: about a quarter second of what it has been sending, within bounds.
     * A deep queue at a slow peer delays the pieces at its end, and a piece is passed on only when whole: on 20 Mbit/s
     * links (8 peers, 64 KiB pieces) 1 MiB in flight per peer made a deploy 1.31x the bound, 128 KiB 1.23x. A fast
     * link needs more: one leecher on loopback (1 GB, 512 KiB pieces) moved 237 MB/s with 256 KiB in flight, 349 MB/s
     * with this rule.
     */
    static final long MURDER_IN_FLIGHT_MIN = 128 * 1024;
    static final long MURDER_IN_FLIGHT_MAX = 4 * 1024 * 1024;
    static final int MAX_PEERS = 80;
    private static final int MAX_QUEUED_UPLOADS = 512;
    private static final int STRIKES_TO_DROP = 3;
    /** A peer with requests pending that sends nothing for this long loses them (and the connection). */
    private static final long SNUB_MS = 20_000;
    private static final long IDLE_MS = 150_000;
    private static final long RECONNECT_MS = 5_000;
    /** A connection older than this wins over a second one to the same peer. */
    private static final long SETTLED_MS = 2_000;
    /**
     * Super-seeding: a peer that has had nothing offered and finished no piece (no {@code have}) for this long gets
     * a piece others have too. One that keeps finishing pieces is fed by its peers; a second copy from here would
     * only cost the release host's upload.
     */
    private static final long STARVED_MS = 1_500;

    private final WireEngine engine;
    private final Metainfo meta;
    private final Path dir;
    private final boolean superSeed;
    private final PieceFile file;
    private final Announcer announcer;
    private volatile Consumer<SwarmProgress> listener;

    // guarded by this
    private final BitSet have;
    private int haveCount;
    private final int[] availability;
    /** Super-seeding: how often each piece was offered. */
    private final int[] offers;
    /** Super-seeding: connected peers offered each piece (they will have it soon, or have it). */
    private final int[] promised;
    private final Map<Integer, Active> active = new LinkedHashMap<>();
    private final List<PeerConnection> peers = new ArrayList<>();
    private final Set<InetSocketAddress> connecting = new HashSet<>();
    private final Map<InetSocketAddress, Long> failedAt = new HashMap<>();
    /** Peers dropped for bad data, by the address we dialed and by peer id: never taken again. */
    private final Set<InetSocketAddress> bannedAddresses = new HashSet<>();
    private final Set<String> bannedIds = new HashSet<>();
    /** The peer id found at each address we dialed: a peer that dialed us first is not dialed back. */
    private final Map<InetSocketAddress, String> idAt = new HashMap<>();
    /** Addresses we dialed that turned out to be seeds while we are one too: not dialed again. */
    private final Set<InetSocketAddress> seedsSeen = new HashSet<>();

    private final AtomicLong downloadedBytes = new AtomicLong();
    /** Block bytes that came but were not needed: a copy of a block already in (end game), or late or unasked. */
    private final AtomicLong discardedBytes = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final CompletableFuture<Void> downloaded = new CompletableFuture<>();
    private volatile boolean checked;
    private volatile boolean closed;

    WireSwarm(WireEngine engine, Metainfo meta, Path dir, PieceFile file, boolean superSeed,
              Consumer<SwarmProgress> listener) {
        this.engine = engine;
        this.meta = meta;
        this.dir = dir;
        this.file = file;
        this.superSeed = superSeed;
        this.listener = listener;
        this.have = new BitSet(meta.pieceCount());
        this.availability = new int[meta.pieceCount()];
        this.offers = new int[meta.pieceCount()];
        this.promised = new int[meta.pieceCount()];
        this.announcer = new Announcer(engine, this);
    }

    /** Checks the data on disk (on the caller's thread), then starts announcing. */
    void start() {
        BitSet present;
        try {
            present = file.check(engine.hashingThreads());
        } catch (IOException | RuntimeException e) {
            file.failure().complete("cannot check " + file.path() + ": " + e.getMessage());
            checked = true;
            return;
        }
        synchronized (this) {
            have.or(present);
            haveCount = have.cardinality();
        }
        checked = true;
        log.debug("{}: {} of {} pieces on disk", name(), present.cardinality(), meta.pieceCount());
        if (isComplete()) {
            downloaded.complete(null);
        }
        announcer.start();
    }

    Metainfo meta() {
        return meta;
    }

    PieceFile file() {
        return file;
    }

    void listener(Consumer<SwarmProgress> listener) {
        this.listener = listener;
    }

    /** Read buffer size: room for several blocks per read. */
    int readBuffer() {
        return Math.max(256 * 1024, maxMessage() + 4);
    }

    int maxMessage() {
        return Math.max(Messages.MAX_BLOCK + 9, (meta.pieceCount() + 7) / 8 + 1);
    }

    synchronized boolean isComplete() {
        return haveCount == meta.pieceCount();
    }

    synchronized long left() {
        long left = 0;
        for (int p = have.nextClearBit(0); p < meta.pieceCount(); p = have.nextClearBit(p + 1)) {
            left += meta.pieceSize(p);
        }
        return left;
    }

    long downloadedBytes() {
        return downloadedBytes.get();
    }

    long discardedBytes() {
        return discardedBytes.get();
    }

    long uploadedBytes() {
        return uploadedBytes.get();
    }

    // ---- connections

    /**
     * Peers from the tracker: dials those not yet connected (outgoing connections are plaintext). True if this swarm
     * has peers and the answer held nothing to act on now or soon (every address is this engine, connected, banned
     * or, once complete, a seed), or if it already has half its peer cap: the announcer then slows down.
     */
    boolean connectTo(List<InetSocketAddress> addresses) {
        List<InetSocketAddress> toDial = new ArrayList<>();
        boolean settled = true;
        synchronized (this) {
            if (closed) {
                return true;
            }
            long now = System.currentTimeMillis();
            Set<InetSocketAddress> connected = new HashSet<>();
            Set<String> connectedIds = new HashSet<>();
            for (PeerConnection c : peers) {
                connected.add(c.io.remote);
                connectedIds.add(c.peerIdHex());
            }
            for (InetSocketAddress a : addresses) {
                if (engine.isSelf(a) || connected.contains(a) || bannedAddresses.contains(a)
                        || connectedIds.contains(idAt.get(a)) // it dialed us: its listen address is known now
                        || isComplete() && seedsSeen.contains(a)) {
                    continue;
                }
                settled = false;
                if (connecting.contains(a) || now - failedAt.getOrDefault(a, 0L) < RECONNECT_MS) {
                    continue;
                }
                if (peers.size() + connecting.size() >= MAX_PEERS) {
                    break;
                }
                connecting.add(a);
                toDial.add(a);
            }
            settled = !peers.isEmpty() && (settled || peers.size() >= MAX_PEERS / 2);
        }
        toDial.forEach(a -> engine.dial(this, a));
        return settled;
    }

    synchronized void dialFailed(InetSocketAddress address) {
        connecting.remove(address);
        failedAt.put(address, System.currentTimeMillis());
    }

    /**
     * A peer past its handshake. Two peers that dialed each other at once keep the connection dialed by the larger
     * peer id (both sides decide the same); null if refused.
     */
    PeerConnection attach(PeerIo io, byte[] peerId, boolean outgoing, InetSocketAddress dialed) {
        PeerConnection conn = new PeerConnection(this, io, peerId, outgoing);
        PeerConnection loser = null;
        synchronized (this) {
            if (dialed != null) {
                connecting.remove(dialed);
                idAt.put(dialed, conn.peerIdHex());
            }
            if (closed || peers.size() >= MAX_PEERS || bannedIds.contains(conn.peerIdHex())
                    || dialed != null && bannedAddresses.contains(dialed)) {
                return null;
            }
            for (PeerConnection other : peers) {
                if (Arrays.equals(other.peerId, peerId)) {
                    // a connection in use for a while is kept (both sides see it so); two dialed at the same
                    // moment: both sides keep the one dialed by the larger peer id
                    boolean settled = System.currentTimeMillis() - other.connectedAt > SETTLED_MS;
                    if (!settled && Arrays.compare(dialer(conn), dialer(other)) > 0) {
                        loser = other;
                        break;
                    }
                    return null;
                }
            }
            peers.add(conn);
        }
        if (loser != null) {
            loser.close("a second connection to the same peer won");
        }
        conn.start();
        synchronized (this) {
            if (superSeed) {
                offer(conn, false);
            } else if (haveCount > 0) {
                conn.send(Messages.bitfield(have, meta.pieceCount()));
            }
        }
        log.debug("{}: connected {} {} ({})", name(), outgoing ? "to" : "from", conn.name(), conn.peerIdHex());
        return conn;
    }

    private byte[] dialer(PeerConnection c) {
        return c.outgoing ? engine.peerId() : c.peerId;
    }

    synchronized void onClosed(PeerConnection conn) {
        if (!peers.remove(conn)) {
            return;
        }
        for (int p = conn.peerHas.nextSetBit(0); p >= 0; p = conn.peerHas.nextSetBit(p + 1)) {
            availability[p]--;
        }
        for (int p = conn.promised.nextSetBit(0); p >= 0; p = conn.promised.nextSetBit(p + 1)) {
            promised[p]--;
        }
        release(conn);
        if (!closed && !isComplete()) {
            peers.forEach(this::fill); // its blocks are free again
        }
    }

    // ---- messages (on the peer's reader thread)

    /** @return why the peer must be dropped, or null */
    String onMessage(PeerConnection conn, int id, ByteBuffer payload) {
        switch (id) {
            case Messages.CHOKE -> {
                synchronized (this) {
                    conn.peerChoking = true;
                    release(conn);
                    peers.forEach(this::fill);
                }
            }
            case Messages.UNCHOKE -> {
                synchronized (this) {
                    conn.peerChoking = false;
                    fill(conn);
                }
            }
            case Messages.INTERESTED -> {
                synchronized (this) {
                    conn.peerInterested = true;
                    if (conn.amChoking) {
                        conn.amChoking = false;
                        conn.send(Messages.simple(Messages.UNCHOKE));
                    }
                }
            }
            case Messages.NOT_INTERESTED -> {
                synchronized (this) {
                    conn.peerInterested = false;
                    return bothComplete(conn);
                }
            }
            case Messages.HAVE -> {
                if (payload.remaining() != 4) {
                    return "sent a have of " + payload.remaining() + " bytes";
                }
                int piece = payload.getInt();
                if (piece < 0 || piece >= meta.pieceCount()) {
                    return "sent have " + piece + " of " + meta.pieceCount() + " pieces";
                }
                synchronized (this) {
                    conn.lastHave = System.currentTimeMillis();
                    if (!conn.peerHas.get(piece)) {
                        conn.peerHas.set(piece);
                        availability[piece]++;
                    }
                    if (superSeed && conn.offered.remove(piece)) {
                        offer(conn, false);
                    }
                    updateInterest(conn);
                    fill(conn);
                    return bothComplete(conn);
                }
            }
            case Messages.BITFIELD -> {
                BitSet bits;
                try {
                    bits = Messages.fromBytes(payload, meta.pieceCount());
                } catch (IllegalArgumentException e) {
                    return "sent a bad bitfield: " + e.getMessage();
                }
                synchronized (this) {
                    bits.andNot(conn.peerHas);
                    for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
                        availability[p]++;
                    }
                    conn.peerHas.or(bits);
                    if (superSeed) {
                        conn.offered.removeIf(conn.peerHas::get);
                        offer(conn, false);
                    }
                    updateInterest(conn);
                    fill(conn);
                    return bothComplete(conn);
                }
            }
            case Messages.REQUEST -> {
                return onRequest(conn, payload);
            }
            case Messages.PIECE -> {
                return onBlock(conn, payload);
            }
            case Messages.CANCEL -> {
                if (payload.remaining() == 12) {
                    conn.cancelUpload(payload.getInt(), payload.getInt(), payload.getInt());
                }
            }
            default -> {
                // port (DHT), extension and fast-extension messages: not negotiated, ignored
            }
        }
        return null;
    }

    private String onRequest(PeerConnection conn, ByteBuffer payload) {
        if (payload.remaining() != 12) {
            return "sent a request of " + payload.remaining() + " bytes";
        }
        int piece = payload.getInt();
        int begin = payload.getInt();
        int length = payload.getInt();
        synchronized (this) {
            if (piece < 0 || piece >= meta.pieceCount() || begin < 0 || length <= 0 || length > Messages.MAX_BLOCK
                    || (long) begin + length > meta.pieceSize(piece)) {
                return "asked for " + length + " bytes at " + begin + " of piece " + piece;
            }
            if (conn.amChoking || !have.get(piece)) {
                return null; // a request racing our choke, or for a piece we do not have: ignored
            }
        }
        if (conn.queuedUploads() >= MAX_QUEUED_UPLOADS) {
            return "has more than " + MAX_QUEUED_UPLOADS + " requests queued";
        }
        conn.sendBlock(piece, begin, length);
        return null;
    }

    private String onBlock(PeerConnection conn, ByteBuffer payload) {
        if (payload.remaining() < 8) {
            return "sent a piece message of " + payload.remaining() + " bytes";
        }
        int piece = payload.getInt();
        int begin = payload.getInt();
        int length = payload.remaining();
        Active piece0;
        int first;
        int count;
        BitSet fresh;
        long freshBytes;
        synchronized (this) {
            long key = PeerConnection.key(piece, begin);
            conn.pending.remove(key);
            conn.blockRate.add(length, System.nanoTime());
            piece0 = active.get(piece);
            first = begin / Messages.BLOCK;
            count = (length + Messages.BLOCK - 1) / Messages.BLOCK;
            if (piece0 == null || begin < 0 || begin % Messages.BLOCK != 0 || length <= 0
                    || first + count > piece0.blocks || length != runLength(piece, first, count)) {
                discardedBytes.addAndGet(length);
                fill(conn);
                return null; // late (after a cancel or end game) or unasked: dropped
            }
            fresh = new BitSet(count);
            for (int i = 0; i < count; i++) {
                int b = first + i;
                if (piece0.received.get(b)) {
                    continue; // a copy from another peer came first (end game)
                }
                fresh.set(i);
                piece0.received.set(b);
                if (piece0.askedOf[b] > 1) {
                    long subKey = PeerConnection.key(piece, b * Messages.BLOCK);
                    for (PeerConnection other : peers) {
                        if (other != conn && other.pending.remove(subKey) != null) {
                            other.send(Messages.request(Messages.CANCEL, piece, b * Messages.BLOCK,
                                    blockLength(piece, b)));
                        }
                    }
                }
            }
            freshBytes = fresh.cardinality() == count ? length : freshLength(piece, first, fresh);
            discardedBytes.addAndGet(length - freshBytes);
            if (fresh.isEmpty()) {
                fill(conn);
                return null;
            }
            piece0.from.add(conn);
        }
        downloadedBytes.addAndGet(freshBytes);
        try {
            long at = meta.offset(piece) + begin;
            if (fresh.cardinality() == count) {
                file.write(payload, at);
            } else {
                for (int i = fresh.nextSetBit(0); i >= 0; i = fresh.nextSetBit(i + 1)) {
                    int n = blockLength(piece, first + i);
                    file.write(payload.slice(payload.position() + i * Messages.BLOCK, n), at + (long) i * Messages.BLOCK);
                }
            }
        } catch (IOException e) {
            return null; // the failure future tells the owner, which ends the download
        }
        boolean whole;
        synchronized (this) {
            piece0.written += fresh.cardinality();
            whole = piece0.written == piece0.blocks;
            fill(conn); // every block of a whole piece is in: the pipeline need not wait for its check
        }
        if (whole) {
            // off the reader thread, so the socket keeps draining while the piece is hashed (on another core)
            engine.hash(() -> checkPiece(piece0));
        }
        return null;
    }

    /** On a hashing thread: a whole piece verified becomes ours, a bad one is asked for again. */
    private void checkPiece(Active piece0) {
        if (closed) {
            return;
        }
        int piece = piece0.piece;
        boolean good = file.verify(piece);
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean current = active.get(piece) == piece0; // not started over meanwhile (a liar's piece)
            if (good && !have.get(piece)) {
                active.remove(piece);
                pieceDone(piece);
            } else if (!good && current) {
                active.remove(piece);
                log.warn("{}: piece {} failed its SHA-1 check (blocks from {}); asking again", name(), piece,
                        piece0.from.stream().map(PeerConnection::name).toList());
                for (PeerConnection c : piece0.from) {
                    if (++c.strikes >= STRIKES_TO_DROP) {
                        bannedIds.add(c.peerIdHex());
                        if (c.outgoing) {
                            bannedAddresses.add(c.io.remote); // the address it listens on, which we dialed
                        }
                        // its blocks in pieces still being fetched are suspect: start those pieces over, or
                        // whoever finishes them gets the blame for its bytes
                        active.values().removeIf(a -> a.from.contains(c));
                        c.close("sent " + c.strikes + " pieces that failed their SHA-1 check");
                    }
                }
            }
            peers.forEach(this::fill);
        }
    }

    /** Under the lock: a verified piece is ours; tell everyone. */
    private void pieceDone(int piece) {
        have.set(piece);
        haveCount++;
        ByteBuffer announce = Messages.have(piece);
        for (PeerConnection c : peers) {
            c.send(announce.duplicate());
        }
        if (isComplete()) {
            log.info("{}: all {} pieces verified; {} of {} block bytes received were not needed (copies, late)",
                    name(), meta.pieceCount(), discardedBytes.get(), downloadedBytes.get() + discardedBytes.get());
            try {
                file.force();
            } catch (IOException e) {
                return; // failure() tells
            }
            for (PeerConnection c : List.copyOf(peers)) {
                c.amInterested = false;
                c.send(Messages.simple(Messages.NOT_INTERESTED));
                String both = bothComplete(c);
                if (both != null) {
                    c.close(both);
                }
            }
            downloaded.complete(null);
            engine.background(announcer::completed);
        } else {
            for (PeerConnection c : peers) {
                if (c.amInterested && c.pending.isEmpty() && !interesting(c)) {
                    c.amInterested = false;
                    c.send(Messages.simple(Messages.NOT_INTERESTED));
                }
            }
        }
    }

    /** Called by the writer after a block went out. */
    void onUploaded(PeerConnection conn, int piece, int length) {
        uploadedBytes.addAndGet(length);
        if (superSeed) {
            synchronized (this) {
                int sent = conn.sentOfPiece.merge(piece, length, Integer::sum);
                if (sent >= meta.pieceSize(piece) && conn.offered.remove(piece)) {
                    conn.sentOfPiece.remove(piece);
                    offer(conn, false);
                }
            }
        }
    }

    /** A queued upload still goes out: the peer is not choked (by us) and the torrent open. */
    synchronized boolean uploadsAllowed(PeerConnection conn) {
        return !conn.amChoking && !closed;
    }

    private String bothComplete(PeerConnection c) {
        if (isComplete() && c.peerHas.cardinality() == meta.pieceCount()) {
            if (c.outgoing) {
                seedsSeen.add(c.io.remote);
            }
            return "both have every piece";
        }
        return null;
    }

    // ---- picking (under the lock)

    private void updateInterest(PeerConnection conn) {
        if (!conn.amInterested && !isComplete() && interesting(conn)) {
            conn.amInterested = true;
            conn.send(Messages.simple(Messages.INTERESTED));
        }
    }

    private boolean interesting(PeerConnection conn) {
        for (int p = conn.peerHas.nextSetBit(0); p >= 0; p = conn.peerHas.nextSetBit(p + 1)) {
            if (!have.get(p)) {
                return true;
            }
        }
        return false;
    }

    private void fill(PeerConnection conn) {
        if (closed || conn.isClosed() || conn.peerChoking || !conn.amInterested || isComplete()) {
            return;
        }
        long depth = conn.murderPeer ? murderInFlight(conn.blockRate.perSecond()) : 0;
        while (conn.murderPeer ? conn.pendingBytes() < depth : conn.pending.size() < PIPELINE) {
            if (!requestOne(conn)) {
                return;
            }
        }
    }

    private boolean requestOne(PeerConnection conn) {
        int run = conn.murderPeer ? MURDER_RUN : 1;
        // finish started pieces first (oldest first), so pieces become shareable soon
        for (Active a : active.values()) {
            if (conn.peerHas.get(a.piece)) {
                int b = a.requested.nextClearBit(0);
                if (b < a.blocks) {
                    ask(conn, a, b, run);
                    return true;
                }
            }
        }
        int piece = rarest(conn);
        if (piece >= 0) {
            Active a = new Active(piece, blocksOf(piece));
            active.put(piece, a);
            ask(conn, a, 0, run);
            return true;
        }
        // end game, once every missing piece is started: a peer with at most one request pending is asked for a
        // block still outstanding elsewhere. Earlier, or more, and copies would take the place of fresh blocks on our
        // download link (with every peer's pipeline full of copies, a fifth of the bytes that came were dropped).
        if (haveCount + active.size() < meta.pieceCount() || conn.pending.size() > 1) {
            return false;
        }
        for (Active a : active.values()) {
            if (!conn.peerHas.get(a.piece)) {
                continue;
            }
            for (int b = 0; b < a.blocks; b++) {
                if (!a.received.get(b) && a.askedOf[b] < 2
                        && !conn.pending.containsKey(PeerConnection.key(a.piece, b * Messages.BLOCK))) {
                    ask(conn, a, b, 1);
                    return true;
                }
            }
        }
        return false;
    }

    /** Asks for up to {@code run} blocks from {@code block} on, as far as they are not asked for yet, in one request. */
    private void ask(PeerConnection conn, Active a, int block, int run) {
        int count = 0;
        do {
            a.requested.set(block + count);
            a.askedOf[block + count]++;
            count++;
        } while (count < run && block + count < a.blocks && !a.requested.get(block + count));
        int begin = block * Messages.BLOCK;
        conn.pending.put(PeerConnection.key(a.piece, begin), count);
        conn.send(Messages.request(Messages.REQUEST, a.piece, begin, runLength(a.piece, block, count)));
    }

    /** The missing, unstarted piece this peer has that fewest peers have; ties broken at random. */
    private int rarest(PeerConnection conn) {
        int best = -1;
        int bestCount = Integer.MAX_VALUE;
        int ties = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int p = conn.peerHas.nextSetBit(0); p >= 0; p = conn.peerHas.nextSetBit(p + 1)) {
            if (have.get(p) || active.containsKey(p)) {
                continue;
            }
            int count = availability[p];
            if (count < bestCount) {
                best = p;
                bestCount = count;
                ties = 1;
            } else if (count == bestCount && random.nextInt(++ties) == 0) {
                best = p;
            }
        }
        return best;
    }

    /** Gives the peer's pending requests back to the picker (it choked us, left, or went quiet). */
    private void release(PeerConnection conn) {
        for (Map.Entry<Long, Integer> request : conn.pending.entrySet()) {
            int piece = (int) (request.getKey() >>> 32);
            int first = (int) (long) request.getKey() / Messages.BLOCK;
            Active a = active.get(piece);
            for (int block = first; a != null && block < first + request.getValue() && block < a.blocks; block++) {
                if (!a.received.get(block) && --a.askedOf[block] <= 0) {
                    a.askedOf[block] = 0;
                    a.requested.clear(block);
                }
            }
        }
        conn.pending.clear();
    }

    // ---- super-seeding (under the lock)

    /**
     * Offers the peer pieces until it has a window's worth to fetch: first pieces never offered to anyone, then
     * pieces no connected peer has or was offered (its holders left): a second copy from here would only race the
     * agents' own trading, which has the whole swarm's upload behind it. {@code anyway} offers one missing piece even
     * if others have it
     * (a peer left with nothing, e.g. one that cannot reach the peers holding its last pieces).
     */
    private void offer(PeerConnection conn, boolean anyway) {
        int window = Math.max(2, (1024 * 1024 + meta.pieceLength() - 1) / meta.pieceLength());
        while (conn.offered.size() < window) {
            int piece = offerCandidate(conn, anyway);
            if (piece < 0) {
                return;
            }
            anyway = false;
            conn.offered.add(piece);
            offers[piece]++;
            if (!conn.promised.get(piece)) {
                conn.promised.set(piece);
                promised[piece]++;
            }
            conn.lastOffer = System.currentTimeMillis();
            conn.send(Messages.have(piece));
        }
    }

    private int offerCandidate(PeerConnection conn, boolean anyway) {
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        int ties = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean unoffered = false;
        for (int p = 0; p < meta.pieceCount(); p++) {
            if (offers[p] == 0 && !conn.peerHas.get(p)) {
                unoffered = true;
                break;
            }
        }
        for (int p = 0; p < meta.pieceCount(); p++) {
            if (conn.peerHas.get(p) || conn.offered.contains(p)) {
                continue;
            }
            if (unoffered ? offers[p] != 0 : availability[p] + promised[p] > 0 && !anyway) {
                continue;
            }
            long score = ((long) (availability[p] + promised[p]) << 32) | offers[p];
            if (score < bestScore) {
                best = p;
                bestScore = score;
                ties = 1;
            } else if (score == bestScore && random.nextInt(++ties) == 0) {
                best = p;
            }
        }
        return best;
    }

    // ---- housekeeping, every second

    void tick() {
        long now = System.currentTimeMillis();
        List<PeerConnection> quiet = new ArrayList<>();
        synchronized (this) {
            for (PeerConnection c : peers) {
                long silent = now - c.lastReceived;
                if (silent > IDLE_MS || (!c.pending.isEmpty() && silent > SNUB_MS)) {
                    quiet.add(c);
                } else if (superSeed && c.offered.isEmpty() && now - c.lastOffer > STARVED_MS
                        && now - c.lastHave > STARVED_MS
                        && c.peerHas.cardinality() < meta.pieceCount()) {
                    offer(c, true);
                }
            }
            failedAt.values().removeIf(t -> now - t > RECONNECT_MS);
        }
        quiet.forEach(c -> c.close(c.pending.isEmpty() ? "sent nothing for " + IDLE_MS / 1000 + " s"
                : "answered none of " + c.pending.size() + " requests for " + SNUB_MS / 1000 + " s"));
        Consumer<SwarmProgress> l = listener;
        if (l != null && !closed) {
            l.accept(progress());
        }
    }

    // ---- SwarmHandle

    @Override
    public String name() {
        return meta.name();
    }

    @Override
    public long size() {
        return meta.length();
    }

    @Override
    public String infoHash() {
        return meta.infoHashHex();
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public CompletableFuture<Void> downloaded() {
        return downloaded;
    }

    @Override
    public CompletableFuture<String> failure() {
        return file.failure();
    }

    @Override
    public boolean isChecked() {
        return checked;
    }

    @Override
    public synchronized SwarmProgress progress() {
        return new SwarmProgress(meta.length(), downloadedBytes.get(), uploadedBytes.get(), haveCount,
                meta.pieceCount(), peers.size());
    }

    @Override
    public void close() {
        List<PeerConnection> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(peers);
        }
        all.forEach(c -> c.close("torrent stopped"));
        announcer.stop();
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing was pending: every write went through write()
        }
        engine.forget(this);
    }

    boolean isClosed() {
        return closed;
    }

    private int blocksOf(int piece) {
        return (meta.pieceSize(piece) + Messages.BLOCK - 1) / Messages.BLOCK;
    }

    /** Bytes to keep asked of a murder peer that sends us {@code rate} bytes a second. */
    static long murderInFlight(long rate) {
        return Math.max(MURDER_IN_FLIGHT_MIN, Math.min(MURDER_IN_FLIGHT_MAX, rate / 4));
    }

    private long freshLength(int piece, int first, BitSet fresh) {
        long n = 0;
        for (int i = fresh.nextSetBit(0); i >= 0; i = fresh.nextSetBit(i + 1)) {
            n += blockLength(piece, first + i);
        }
        return n;
    }

    private int blockLength(int piece, int block) {
        return Math.min(Messages.BLOCK, meta.pieceSize(piece) - block * Messages.BLOCK);
    }

    /** The bytes of {@code count} blocks from {@code block} on (the piece's last block may be short). */
    private int runLength(int piece, int block, int count) {
        return Math.min(count * Messages.BLOCK, meta.pieceSize(piece) - block * Messages.BLOCK);
    }

    /** A piece being downloaded: which blocks are asked for (and of how many peers), arrived and written. */
    private static final class Active {
        final int piece;
        final int blocks;
        final BitSet requested;
        final BitSet received;
        final int[] askedOf;
        final Set<PeerConnection> from = new HashSet<>();
        int written;

        Active(int piece, int blocks) {
            this.piece = piece;
            this.blocks = blocks;
            this.requested = new BitSet(blocks);
            this.received = new BitSet(blocks);
            this.askedOf = new int[blocks];
        }
    }
}
