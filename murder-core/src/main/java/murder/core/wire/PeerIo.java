package murder.core.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;

/**
 * The bytes of one peer connection after its handshake: straight on the socket (blocks leave by sendfile), or through
 * the streams of an encrypted (MSE) connection, which must pass through the heap.
 */
abstract class PeerIo {

    final SocketChannel socket;
    final InetSocketAddress remote;

    PeerIo(SocketChannel socket) {
        this.socket = socket;
        InetSocketAddress address;
        try {
            address = (InetSocketAddress) socket.getRemoteAddress();
        } catch (IOException e) {
            address = new InetSocketAddress(0);
        }
        this.remote = address;
    }

    /** Reads what is there (at least one byte, blocking), or -1 at the end. */
    abstract int read(ByteBuffer into) throws IOException;

    abstract void write(ByteBuffer bytes) throws IOException;

    /** Sends {@code length} bytes of the file from {@code position}; {@code scratch} may be used on the way. */
    abstract void sendFile(PieceFile file, long position, int length, ByteBuffer scratch) throws IOException;

    void flush() throws IOException {
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to tell
        }
    }

    static PeerIo plain(SocketChannel socket) {
        return new Plain(socket);
    }

    static PeerIo streams(SocketChannel socket, InputStream in, OutputStream out) {
        return new Streams(socket, in, out);
    }

    private static final class Plain extends PeerIo {
        Plain(SocketChannel socket) {
            super(socket);
        }

        @Override
        int read(ByteBuffer into) throws IOException {
            return socket.read(into);
        }

        @Override
        void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                socket.write(bytes);
            }
        }

        @Override
        void sendFile(PieceFile file, long position, int length, ByteBuffer scratch) throws IOException {
            file.transferTo(position, length, socket);
        }
    }

    private static final class Streams extends PeerIo {
        private final ReadableByteChannel in;
        private final OutputStream out;
        private final byte[] copy = new byte[64 * 1024];

        Streams(SocketChannel socket, InputStream in, OutputStream out) {
            super(socket);
            this.in = Channels.newChannel(in);
            this.out = out;
        }

        @Override
        int read(ByteBuffer into) throws IOException {
            return in.read(into);
        }

        @Override
        void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                int n = Math.min(bytes.remaining(), copy.length);
                bytes.get(copy, 0, n);
                out.write(copy, 0, n);
            }
        }

        @Override
        void sendFile(PieceFile file, long position, int length, ByteBuffer scratch) throws IOException {
            long done = 0;
            while (done < length) {
                scratch.clear().limit((int) Math.min(scratch.capacity(), length - done));
                file.read(scratch, position + done);
                scratch.flip();
                done += scratch.remaining();
                write(scratch);
            }
        }

        @Override
        void flush() throws IOException {
            out.flush();
        }
    }
}
