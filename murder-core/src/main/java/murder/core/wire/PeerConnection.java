package murder.core.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of one torrent after the handshake. A reader thread parses messages and hands them to the swarm; a writer
 * thread sends what the swarm queues, blocks by sendfile. Blocking I/O on two threads per peer: no selector to spin,
 * nothing runs while nothing arrives. The fields the swarm's picker uses are guarded by the swarm's lock.
 */
final class PeerConnection {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);
    private static final long KEEP_ALIVE_MS = 60_000;
    private static final Object CLOSE = new Object();

    final WireSwarm swarm;
    final PeerIo io;
    final byte[] peerId;
    final boolean outgoing;
    /** Another murder process (peer id prefix): it serves requests of up to 128 KiB. */
    final boolean murderPeer;

    // guarded by swarm
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    final BitSet peerHas = new BitSet();
    /** Our requests to this peer not yet answered: {@link #key} of the first block, and how many blocks. */
    final Map<Long, Integer> pending = new HashMap<>();
    /** Super-seeding: pieces offered to this peer that it has not finished yet. */
    final Set<Integer> offered = new HashSet<>();
    /** Super-seeding: every piece ever offered to this peer. */
    final BitSet promised = new BitSet();
    /** Super-seeding: bytes of each offered piece sent to this peer. */
    final Map<Integer, Integer> sentOfPiece = new HashMap<>();
    long lastOffer;
    /** When this peer last told us it finished a piece. */
    long lastHave;
    /** Pieces this peer sent us a bad block of. */
    int strikes;
    /** Block bytes this peer sends us. */
    final RateMeter blockRate = new RateMeter(System.nanoTime());

    final long connectedAt = System.currentTimeMillis();
    volatile long lastReceived = System.currentTimeMillis();
    /** The reader thread's. */
    private final ReadPacer pacer = new ReadPacer(System.nanoTime());
    private final LinkedBlockingDeque<Object> outbox = new LinkedBlockingDeque<>();
    private volatile boolean closed;
    private volatile String closeReason;

    PeerConnection(WireSwarm swarm, PeerIo io, byte[] peerId, boolean outgoing) {
        this.swarm = swarm;
        this.io = io;
        this.peerId = peerId;
        this.outgoing = outgoing;
        this.murderPeer = WireEngine.isMurderPeerId(peerId);
    }

    /** Under the swarm lock: bytes asked of this peer and not yet in. */
    long pendingBytes() {
        long blocks = 0;
        for (int count : pending.values()) {
            blocks += count;
        }
        return blocks * Messages.BLOCK;
    }

    static long key(int piece, int begin) {
        return ((long) piece << 32) | (begin & 0xffffffffL);
    }

    String name() {
        return io.remote.getAddress().getHostAddress() + ":" + io.remote.getPort();
    }

    String peerIdHex() {
        return HexFormat.of().formatHex(peerId);
    }

    void start() {
        Thread reader = new Thread(this::readLoop, "murder-wire-in-" + name());
        Thread writer = new Thread(this::writeLoop, "murder-wire-out-" + name());
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    boolean isClosed() {
        return closed;
    }

    void send(ByteBuffer message) {
        if (!closed) {
            outbox.add(message);
        }
    }

    void sendBlock(int piece, int begin, int length) {
        if (!closed) {
            outbox.add(new Upload(piece, begin, length));
        }
    }

    /** Drops a queued upload the peer no longer wants; one already on the wire goes out anyway. */
    void cancelUpload(int piece, int begin, int length) {
        outbox.remove(new Upload(piece, begin, length));
    }

    int queuedUploads() {
        return outbox.size();
    }

    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeReason = reason;
        outbox.clear();
        outbox.add(CLOSE);
        io.close();
        log.debug("{}: closed {} ({})", swarm.name(), name(), reason);
        swarm.onClosed(this);
    }

    String closeReason() {
        return closeReason;
    }

    private void readLoop() {
        ByteBuffer in = ByteBuffer.allocateDirect(swarm.readBuffer());
        in.flip();
        try {
            while (!closed) {
                in = fill(in, 4);
                int length = in.getInt();
                if (length == 0) {
                    continue; // keep-alive
                }
                if (length < 0 || length > swarm.maxMessage()) {
                    close("sent a message of " + (length & 0xffffffffL) + " bytes");
                    return;
                }
                in = fill(in, length);
                int id = in.get() & 0xff;
                ByteBuffer payload = in.slice(in.position(), length - 1);
                in.position(in.position() + length - 1);
                String refusal = swarm.onMessage(this, id, payload);
                if (refusal != null) {
                    close(refusal);
                }
            }
        } catch (EOFException e) {
            close("closed by the peer");
        } catch (IOException e) {
            close(closed ? closeReason : "read failed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{}: error handling a message from {}", swarm.name(), name(), e);
            close("error: " + e);
        }
    }

    /** Makes at least {@code n} unread bytes available, reading as much as fits. */
    private ByteBuffer fill(ByteBuffer in, int n) throws IOException {
        if (in.remaining() >= n) {
            return in;
        }
        in.compact();
        while (in.position() < n) {
            int read = io.read(in);
            if (read < 0) {
                throw new EOFException();
            }
            lastReceived = System.currentTimeMillis();
            pacer.read(read, System.nanoTime());
            if (in.position() < n) {
                long pause = pacer.pauseNanos(read, n - in.position());
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                }
            }
        }
        in.flip();
        return in;
    }

    private void writeLoop() {
        ByteBuffer batch = ByteBuffer.allocateDirect(64 * 1024);
        ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
        ArrayDeque<Object> taken = new ArrayDeque<>();
        try {
            while (!closed) {
                Object first = outbox.poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    io.write(Messages.keepAlive());
                    io.flush();
                    continue;
                }
                taken.add(first);
                outbox.drainTo(taken, 256);
                for (Object item = taken.poll(); item != null; item = taken.poll()) {
                    if (item == CLOSE) {
                        return;
                    }
                    if (item instanceof ByteBuffer message) {
                        if (message.remaining() > batch.remaining()) {
                            flush(batch);
                        }
                        batch.put(message);
                    } else if (item instanceof Upload up) {
                        if (!swarm.uploadsAllowed(this)) {
                            continue;
                        }
                        ByteBuffer header = Messages.pieceHeader(up.piece, up.begin, up.length);
                        if (header.remaining() > batch.remaining()) {
                            flush(batch);
                        }
                        batch.put(header);
                        flush(batch);
                        io.sendFile(swarm.file(), swarm.meta().offset(up.piece) + up.begin, up.length, scratch);
                        swarm.onUploaded(this, up.piece, up.length);
                    }
                }
                flush(batch);
                io.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            close(closed ? closeReason : "write failed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{}: error sending to {}", swarm.name(), name(), e);
            close("error: " + e);
        }
    }

    private void flush(ByteBuffer batch) throws IOException {
        batch.flip();
        io.write(batch);
        batch.clear();
    }

    private record Upload(int piece, int begin, int length) {
    }
}
