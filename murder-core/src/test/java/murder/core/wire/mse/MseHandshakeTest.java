package murder.core.wire.mse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import bt.metainfo.TorrentId;
import bt.net.crypto.EncryptedChannel;
import bt.net.crypto.MSEHandshakeProcessor;
import bt.protocol.crypto.EncryptionPolicy;
import bt.protocol.crypto.MSECipher;
import bt.runtime.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IncomingHandshake} on real loopback sockets: plaintext passes through, MSE initiators (ours from the spec
 * and bt's independent one) get the right torrent and working streams, and malformed input fails with its reason.
 */
class MseHandshakeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int MB = 1024 * 1024;
    private static final long WAIT_SECONDS = 20;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<byte[]> infoHashes = List.of(bytes(20, 1), bytes(20, 2), bytes(20, 3));

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    // ---- 1. plaintext

    @Test
    void aPlaintextHandshakePassesThroughByteExact() throws Exception {
        byte[] handshake = plaintextHandshake(infoHashes.get(0));
        byte[] more = bytes(1000, 7);
        try (Pair pair = new Pair(5_000)) {
            Future<Incoming> accepted = pair.accept(infoHashes);
            // the protocol string alone decides: accept returns before the rest of the handshake is sent
            pair.client.getOutputStream().write(handshake, 0, 20);
            Incoming incoming = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(incoming.encrypted()).isFalse();
            assertThat(incoming.infoHash()).isNull();
            assertThat(incoming.out()).isSameAs(pair.accepted.getOutputStream());

            pair.client.getOutputStream().write(handshake, 20, handshake.length - 20);
            pair.client.getOutputStream().write(more);
            assertThat(incoming.in().readNBytes(handshake.length)).isEqualTo(handshake);
            assertThat(incoming.in().readNBytes(more.length)).isEqualTo(more);
        }
    }

    // ---- 2. MSE with RC4

    @Test
    void anRc4OnlyInitiatorGetsItsTorrentAndAnEncryptedStreamBothWays() throws Exception {
        byte[] ia = plaintextHandshake(infoHashes.get(1));
        try (Pair pair = new Pair(5_000)) {
            Future<Incoming> accepted = pair.accept(infoHashes);
            MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(1));
            initiator.ia = ia;
            MseTestInitiator.Result client = initiator.connect(pair.client.getInputStream(),
                    pair.client.getOutputStream());
            Incoming incoming = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(client.cryptoSelect()).isEqualTo(0x02);
            assertThat(incoming.encrypted()).isTrue();
            assertThat(incoming.out()).isNotSameAs(pair.accepted.getOutputStream());
            assertThat(incoming.infoHash()).isEqualTo(infoHashes.get(1));
            assertThat(incoming.in().readNBytes(ia.length)).as("IA, decrypted").isEqualTo(ia);
            exchange(client.in(), client.out(), incoming.in(), incoming.out(), MB);
        }
    }

    @Test
    void paddingAtItsLongestAndShortestIsAccepted() throws Exception {
        for (int[] padding : new int[][] {{512, 512}, {0, 0}}) {
            try (Pair pair = new Pair(5_000)) {
                Future<Incoming> accepted = pair.accept(infoHashes);
                MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(2));
                initiator.padALength = padding[0];
                initiator.padCLength = padding[1];
                MseTestInitiator.Result client = initiator.connect(pair.client.getInputStream(),
                        pair.client.getOutputStream());
                Incoming incoming = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(incoming.infoHash()).isEqualTo(infoHashes.get(2));
                exchange(client.in(), client.out(), incoming.in(), incoming.out(), 64 * 1024);
            }
        }
    }

    // ---- 3. MSE selecting plaintext

    @Test
    void anInitiatorOfferingPlaintextGetsItAndThePayloadIsPlainOnTheWire() throws Exception {
        byte[] ia = plaintextHandshake(infoHashes.get(0));
        try (Pair pair = new Pair(5_000)) {
            Future<Incoming> accepted = pair.accept(infoHashes);
            MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(0));
            initiator.cryptoProvide = 0x03;
            initiator.ia = ia;
            MseTestInitiator.Result client = initiator.connect(pair.client.getInputStream(),
                    pair.client.getOutputStream());
            Incoming incoming = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(client.cryptoSelect()).isEqualTo(0x01);
            assertThat(client.out()).as("the test writes the raw socket").isSameAs(pair.client.getOutputStream());
            assertThat(incoming.encrypted()).isFalse();
            assertThat(incoming.infoHash()).isEqualTo(infoHashes.get(0));
            assertThat(incoming.out()).isSameAs(pair.accepted.getOutputStream());
            assertThat(incoming.in().readNBytes(ia.length)).as("IA is encrypted even so").isEqualTo(ia);
            // plain bytes written on one raw socket arrive as they are: nothing en- or decrypts them
            exchange(client.in(), client.out(), incoming.in(), incoming.out(), MB);
        }
    }

    // ---- 4. bt's independent initiator

    @Test
    void btsInitiatorRequiringEncryptionInteroperates() throws Exception {
        assertThat(btInitiator(EncryptionPolicy.REQUIRE_ENCRYPTED)).isTrue();
    }

    @Test
    void btsInitiatorPreferringPlaintextInteroperates() throws Exception {
        assertThat(btInitiator(EncryptionPolicy.PREFER_PLAINTEXT)).isFalse();
    }

    /** Runs bt 1.10's MSEHandshakeProcessor.negotiateOutgoing against us; returns whether RC4 was negotiated. */
    private boolean btInitiator(EncryptionPolicy policy) throws Exception {
        Config config = new Config();
        config.setEncryptionPolicy(policy);
        config.setMseWaitBetweenReads(Duration.ZERO); // its default sleeps 1 s between partial reads
        // the registry and protocol are only used for incoming connections, the peer only for logging
        MSEHandshakeProcessor bt = new MSEHandshakeProcessor(null, null, config);
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
                SocketChannel channel = SocketChannel.open(server.getLocalSocketAddress());
                Socket accepted = server.accept()) {
            accepted.setSoTimeout(5_000);
            Future<Incoming> incoming = pool.submit(
                    () -> IncomingHandshake.accept(accepted.getInputStream(), accepted.getOutputStream(), infoHashes));
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            Future<Optional<MSECipher>> negotiated = pool.submit(
                    () -> bt.negotiateOutgoing(null, channel, TorrentId.fromBytes(infoHashes.get(2)), in, out));
            Optional<MSECipher> cipher = negotiated.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Incoming responder = incoming.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(responder.encrypted()).isEqualTo(cipher.isPresent());
            assertThat(responder.infoHash()).isEqualTo(infoHashes.get(2));
            ByteChannel data = cipher.<ByteChannel>map(
                    c -> new EncryptedChannel(channel, c.getDecryptionCipher(), c.getEncryptionCipher())).orElse(channel);
            in.flip(); // bytes bt read past the handshake, already decrypted
            byte[] early = new byte[in.remaining()];
            in.get(early);
            InputStream btIn = new SequenceInputStream(new ByteArrayInputStream(early), channelIn(data));
            exchange(btIn, channelOut(data), responder.in(), responder.out(), MB);
            return cipher.isPresent();
        }
    }

    // ---- 5. malformed input

    @Test
    void randomBytesHaveNoSyncMarker() throws Exception {
        byte[] garbage = bytes(700, 11);
        garbage[0] = 0x42;
        assertFailure(client -> client.getOutputStream().write(garbage), "MSE: no sync marker within 628 bytes");
    }

    @Test
    void aTruncatedYaIsNamed() throws Exception {
        assertFailure(client -> {
            client.getOutputStream().write(bytes(50, 12));
            client.shutdownOutput();
        }, "MSE: connection closed while reading Ya");
    }

    @Test
    void aFalseProtocolStringIsTakenForYa() throws Exception {
        byte[] almost = plaintextHandshake(infoHashes.get(0));
        almost[5] = 'x';
        assertFailure(client -> {
            client.getOutputStream().write(almost);
            client.shutdownOutput();
        }, "MSE: connection closed while reading Ya (48 of 76 bytes came)");
    }

    @Test
    void aSilentPeerTimesOutNamed() throws Exception {
        long started = System.nanoTime();
        IOException failure = failure(300, client -> client.getOutputStream().write(bytes(10, 13)));
        assertThat(failure).isInstanceOf(SocketTimeoutException.class).hasMessage("MSE: timed out reading Ya");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPeerSilentAfterYaTimesOutNamed() throws Exception {
        byte[] ya = DhKeys.encode(DhKeys.G.pow(200));
        IOException failure = failure(300, client -> client.getOutputStream().write(ya));
        assertThat(failure).isInstanceOf(SocketTimeoutException.class)
                .hasMessage("MSE: timed out reading PadA and the sync marker");
    }

    @Test
    void aYaOutOfRangeIsRefused() throws Exception {
        byte[] ya = new byte[96];
        ya[95] = 1;
        assertFailure(client -> client.getOutputStream().write(ya), "MSE: the peer's public key is out of range");
    }

    @Test
    void aWrongVcIsNamed() throws Exception {
        MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(0));
        initiator.vc = new byte[] {0, 0, 0, 0, 0, 0, 0, 1};
        assertFailure(initiator, "MSE: wrong VC (0x0000000000000001 instead of zeros)");
    }

    @Test
    void anUnknownInfoHashIsNamed() throws Exception {
        assertFailure(new MseTestInitiator(bytes(20, 99)), "MSE: unknown torrent (matches none of our 3 info-hashes)");
    }

    @Test
    void noSupportedMethodIsNamed() throws Exception {
        MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(0));
        initiator.cryptoProvide = 0x0C;
        assertFailure(initiator, "MSE: initiator offers no method we support (crypto_provide 0x0000000c)");
    }

    @Test
    void paddingBeyond512IsRefused() throws Exception {
        MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(0));
        initiator.padCLength = 513;
        assertFailure(initiator, "MSE: len(PadC) 513 exceeds 512");
    }

    @Test
    void paddingABeyond512HidesTheSyncMarker() throws Exception {
        MseTestInitiator initiator = new MseTestInitiator(infoHashes.get(0));
        initiator.padALength = 513;
        assertFailure(initiator, "MSE: no sync marker within 628 bytes");
    }

    // ---- helpers

    private interface ClientAction {
        void run(Socket client) throws Exception;
    }

    private void assertFailure(MseTestInitiator initiator, String message) throws Exception {
        assertFailure(client -> initiator.connect(client.getInputStream(), client.getOutputStream()), message);
    }

    private void assertFailure(ClientAction action, String message) throws Exception {
        long started = System.nanoTime();
        assertThat(failure(5_000, action)).hasMessageStartingWith(message);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    /** The IOException accept fails with while the client does {@code action} (whose own failure is ignored). */
    private IOException failure(int soTimeoutMillis, ClientAction action) throws Exception {
        try (Pair pair = new Pair(soTimeoutMillis)) {
            Future<Incoming> accepted = pair.accept(infoHashes);
            Future<?> client = pool.submit((Callable<Void>) () -> {
                action.run(pair.client);
                return null;
            });
            try {
                accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(IOException.class);
                return (IOException) e.getCause();
            } finally {
                pair.accepted.close(); // ends a client still waiting for an answer
                try {
                    client.get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException ignored) {
                    // the client learns of the failure as a closed connection
                }
            }
            return fail("accept succeeded");
        }
    }

    /** A loopback connection; the accepted end has the given SO_TIMEOUT, as the engine would set it. */
    private final class Pair implements AutoCloseable {
        final ServerSocket server;
        final Socket client;
        final Socket accepted;

        Pair(int soTimeoutMillis) throws IOException {
            server = new ServerSocket(0, 1, LOOPBACK);
            client = new Socket(LOOPBACK, server.getLocalPort());
            client.setSoTimeout(10_000);
            accepted = server.accept();
            accepted.setSoTimeout(soTimeoutMillis);
        }

        Future<Incoming> accept(List<byte[]> hashes) {
            return pool.submit(
                    () -> IncomingHandshake.accept(accepted.getInputStream(), accepted.getOutputStream(), hashes));
        }

        @Override
        public void close() throws IOException {
            try (server; client; accepted) {
                // closes all three
            }
        }
    }

    /** Sends {@code size} distinct bytes each way at once (the socket buffers could not hold them) and checks them. */
    private void exchange(InputStream aIn, OutputStream aOut, InputStream bIn, OutputStream bOut, int size)
            throws Exception {
        byte[] aToB = bytes(size, 21);
        byte[] bToA = bytes(size, 22);
        Future<?> aWrites = pool.submit(() -> writeInChunks(aOut, aToB));
        Future<?> bWrites = pool.submit(() -> writeInChunks(bOut, bToA));
        Future<byte[]> bReads = pool.submit(() -> bIn.readNBytes(size));
        byte[] aRead = aIn.readNBytes(size);
        aWrites.get(WAIT_SECONDS, TimeUnit.SECONDS);
        bWrites.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(Arrays.equals(aRead, bToA)).as("responder to initiator, %d bytes", size).isTrue();
        assertThat(Arrays.equals(bReads.get(WAIT_SECONDS, TimeUnit.SECONDS), aToB))
                .as("initiator to responder, %d bytes", size).isTrue();
    }

    /** Odd chunk sizes, so no write lines up with anything. */
    private static Void writeInChunks(OutputStream out, byte[] data) throws IOException {
        int chunk = 1;
        for (int off = 0; off < data.length; ) {
            int n = Math.min(chunk, data.length - off);
            out.write(data, off, n);
            off += n;
            chunk = chunk * 7 % 40_000 + 1;
        }
        out.flush();
        return null;
    }

    private static InputStream channelIn(ByteChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream channelOut(ByteChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                // a copy: bt's EncryptedChannel encrypts the buffer it is given in place
                ByteBuffer buffer = ByteBuffer.wrap(Arrays.copyOfRange(b, off, off + len));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    private static byte[] plaintextHandshake(byte[] infoHash) {
        byte[] handshake = new byte[68];
        byte[] protocol = "\u0013BitTorrent protocol".getBytes(US_ASCII);
        System.arraycopy(protocol, 0, handshake, 0, protocol.length);
        System.arraycopy(infoHash, 0, handshake, 28, 20);
        Arrays.fill(handshake, 48, 68, (byte) 'p');
        return handshake;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
