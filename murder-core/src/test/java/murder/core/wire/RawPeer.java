package murder.core.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written peer on a raw socket, listening on 127.0.0.1: answers the handshake, claims every piece, unchokes,
 * and answers each request with random bytes ({@link Mode#LIAR}), the right bytes a little slowly
 * ({@link Mode#HONEST}), or never ({@link Mode#STALL}).
 */
final class RawPeer implements AutoCloseable {

    enum Mode { LIAR, HONEST, STALL }

    /** What one connection saw. */
    static final class Conn {
        final Set<Integer> piecesServed = ConcurrentHashMap.newKeySet();
        final AtomicInteger blocksServed = new AtomicInteger();
        volatile boolean closedByEngine;
        volatile long closedAt;
        final long openedAt = System.currentTimeMillis();
    }

    private final ServerSocket server;
    private final byte[] infoHash;
    private final int pieceCount;
    private final Mode mode;
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private final byte[] data;
    private final int pieceLength;

    RawPeer(byte[] infoHash, int pieceCount, Mode mode) throws IOException {
        this(infoHash, pieceCount, mode, null, 0);
    }

    /** An honest peer serving {@code data}, waiting a millisecond before each block. */
    RawPeer(byte[] infoHash, int pieceCount, byte[] data, int pieceLength) throws IOException {
        this(infoHash, pieceCount, Mode.HONEST, data, pieceLength);
    }

    private RawPeer(byte[] infoHash, int pieceCount, Mode mode, byte[] data, int pieceLength) throws IOException {
        this.data = data;
        this.pieceLength = pieceLength;
        this.server = new ServerSocket(0, 16, WireTests.LOOPBACK);
        this.infoHash = infoHash;
        this.pieceCount = pieceCount;
        this.mode = mode;
        Thread t = new Thread(this::acceptLoop, "raw-peer-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Conn> connections() {
        return connections;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Conn c = new Conn();
                connections.add(c);
                Thread t = new Thread(() -> serve(s, c), "raw-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, Conn c) {
        Random random = new Random();
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()));
            byte[] theirs = new byte[68];
            in.readFully(theirs);
            byte[] id = new byte[20];
            random.nextBytes(id);
            System.arraycopy("-RAW001-".getBytes(), 0, id, 0, 8);
            out.write(WireTests.handshake(infoHash, id));
            byte[] bits = new byte[(pieceCount + 7) / 8];
            for (int i = 0; i < pieceCount; i++) {
                bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
            WireTests.writeMessage(out, Messages.BITFIELD, bits);
            WireTests.writeMessage(out, Messages.UNCHOKE, new byte[0]);
            while (!closed) {
                int length = in.readInt();
                if (length == 0) {
                    continue;
                }
                byte[] m = new byte[length];
                in.readFully(m);
                if (m[0] == Messages.REQUEST && mode != Mode.STALL) {
                    ByteBuffer r = ByteBuffer.wrap(m, 1, 12);
                    int piece = r.getInt();
                    int begin = r.getInt();
                    int len = r.getInt();
                    byte[] block = new byte[len];
                    if (mode == Mode.LIAR) {
                        random.nextBytes(block);
                    } else {
                        System.arraycopy(data, piece * pieceLength + begin, block, 0, len);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    out.writeInt(9 + len);
                    out.writeByte(Messages.PIECE);
                    out.writeInt(piece);
                    out.writeInt(begin);
                    out.write(block);
                    out.flush();
                    c.piecesServed.add(piece);
                    c.blocksServed.incrementAndGet();
                }
            }
        } catch (EOFException e) {
            c.closedByEngine = !closed;
        } catch (IOException e) {
            c.closedByEngine = !closed; // reset by the engine, or our own close
        } finally {
            c.closedAt = System.currentTimeMillis();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
