package murder.core.bt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import bt.net.IPeerConnectionFactory;
import bt.runtime.BtRuntime;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeding murder runtime as a standard client meets it on a raw socket: a plaintext BitTorrent handshake (what
 * murder's own peers send) is answered, and so is the first step of an encrypted (MSE) one, which bt with MSE
 * off read as a broken plaintext handshake and dropped.
 */
class IncomingEncryptionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(US_ASCII);
    /** MSE's Diffie-Hellman public keys are 768 bits; the answer is that plus up to 512 bytes of padding. */
    private static final int MSE_KEY_BYTES = 96;

    @TempDir
    Path tmp;

    private BtRuntime runtime;
    private SwarmSession seed;
    private byte[] infoHash;

    @BeforeEach
    void seed() throws Exception {
        byte[] data = new byte[1024 * 1024];
        new Random(3).nextBytes(data);
        Path file = Files.write(tmp.resolve("r.tar.gz"), data);
        TorrentFactory.MadeTorrent torrent = TorrentFactory.make(file, "http://127.0.0.1:9/announce");
        infoHash = HexFormat.of().parseHex(torrent.infoHash());
        runtime = BtRuntimeFactory.create(new BtSettings(LOOPBACK, 0));
        seed = SwarmSession.start(runtime, torrent.bytes(), tmp, p -> { });
        seed.downloaded().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void shutdown() {
        seed.close();
        runtime.shutdown();
    }

    @Test
    void theRuntimeUsesOneConnectionFactoryPerDirection() {
        assertThat(runtime.service(IPeerConnectionFactory.class))
                .isInstanceOf(IncomingEncryptionModule.ByDirection.class);
        assertThat(runtime.getConfig().isMseDisabled()).as("outgoing connections stay plaintext").isTrue();
    }

    @Test
    void aPlaintextHandshakeIsAnsweredWithOurs() throws IOException {
        byte[] handshake = new byte[68];
        System.arraycopy(PROTOCOL, 0, handshake, 0, PROTOCOL.length);
        System.arraycopy(infoHash, 0, handshake, 28, 20);
        Arrays.fill(handshake, 48, 68, (byte) 'p');
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(handshake);
            byte[] answer = new byte[68];
            new DataInputStream(socket.getInputStream()).readFully(answer);
            System.out.printf("plaintext handshake answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);

            assertThat(Arrays.copyOfRange(answer, 0, 20)).isEqualTo(PROTOCOL);
            assertThat(Arrays.copyOfRange(answer, 28, 48)).isEqualTo(infoHash);
        }
    }

    @Test
    void anEncryptedHandshakeGetsTheRuntimesPublicKey() throws IOException {
        byte[] publicKey = new byte[MSE_KEY_BYTES];
        new Random(5).nextBytes(publicKey);
        publicKey[0] = 0x42; // not 19, the first byte of a plaintext handshake
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(publicKey);
            int received = readAtLeast(socket.getInputStream(), MSE_KEY_BYTES);
            System.out.printf("MSE public key answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);

            assertThat(received).as("bytes of the runtime's MSE answer").isBetween(MSE_KEY_BYTES, MSE_KEY_BYTES + 512);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LOOPBACK, runtime.getConfig().getAcceptorPort()), 5_000);
        socket.setSoTimeout(10_000); // a read that gets nothing fails the test instead of hanging it
        return socket;
    }

    /** Reads until at least {@code min} bytes came or the peer closed; returns how many came. */
    private static int readAtLeast(InputStream in, int min) throws IOException {
        byte[] buffer = new byte[2048];
        int total = 0;
        while (total < min) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
