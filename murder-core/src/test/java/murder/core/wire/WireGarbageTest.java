package murder.core.wire;

import static murder.core.wire.WireTests.SETTINGS;
import static murder.core.wire.WireTests.randomFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import murder.core.swarm.SwarmHandle;
import murder.core.testsupport.LoopbackTracker;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Garbage from the network on a seeding wire engine: each connection is dropped, and the engine serves on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireGarbageTest {

    private static final int SIZE = 81 * 256 * 1024 - 999; // 81 pieces: the bitfield has 7 spare bits

    @TempDir
    Path tmp;

    private LoopbackTracker tracker;
    private WireEngine seedEngine;
    private WireEngine leecherEngine;
    private byte[] data;
    private byte[] torrent;
    private Metainfo meta;
    private SwarmHandle seed;

    @BeforeEach
    void setUp() throws Exception {
        tracker = new LoopbackTracker();
        data = randomFile(tmp.resolve("seed").resolve("r.tar.gz"), SIZE, 9);
        torrent = TorrentFactory.make(tmp.resolve("seed").resolve("r.tar.gz"), tracker.announceUrl()).bytes();
        meta = Metainfo.parse(torrent);
        assertThat(meta.pieceCount() % 8).isNotZero();
        seedEngine = WireEngine.start(SETTINGS, null);
        seed = seedEngine.open(torrent, tmp.resolve("seed"), p -> { });
        seed.downloaded().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        if (leecherEngine != null) {
            leecherEngine.close();
        }
        seedEngine.close();
        tracker.close();
    }

    @Test
    void everyKindOfGarbageIsDroppedAndTheSeedKeepsServing() throws Exception {
        Random random = new Random(4);
        // not a handshake at all (read as an MSE start that never syncs)
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        noise[0] = 0x42;
        assertDropped("random bytes", new byte[0], noise);
        // a plaintext handshake for a torrent that is not open here
        byte[] otherHash = new byte[20];
        random.nextBytes(otherHash);
        assertDropped("unknown info-hash", WireTests.handshake(otherHash, peerId(random)), new byte[0]);
        // after a good handshake: oversized and negative lengths
        assertDroppedAfterHandshake("2 GiB message", new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 7});
        assertDroppedAfterHandshake("1 MiB message", new byte[] {0, 0x10, 0, 1, 7});
        assertDroppedAfterHandshake("negative length", new byte[] {(byte) 0x80, 0, 0, 1, 7});
        // a bitfield with a spare bit set, and one of the wrong length
        byte[] bits = new byte[(meta.pieceCount() + 7) / 8];
        bits[bits.length - 1] = 1;
        assertDroppedAfterHandshake("spare bit", message(Messages.BITFIELD, bits));
        assertDroppedAfterHandshake("short bitfield", message(Messages.BITFIELD, new byte[3]));
        // a have and a request past the last piece, a request of a megabyte
        assertDroppedAfterHandshake("have out of range", message(Messages.HAVE, ints(meta.pieceCount())));
        assertDroppedAfterHandshake("request out of range",
                message(Messages.INTERESTED, new byte[0]), message(Messages.REQUEST, ints(meta.pieceCount(), 0, 16384)));
        assertDroppedAfterHandshake("huge request",
                message(Messages.INTERESTED, new byte[0]), message(Messages.REQUEST, ints(0, 0, 1 << 20)));

        await().atMost(Duration.ofSeconds(5)).until(() -> seed.progress().peers() == 0);

        // and the seed still serves: a raw handshake is answered, a real leecher gets the file
        try (Socket s = WireTests.connect(seedEngine.port())) {
            s.getOutputStream().write(WireTests.handshake(meta.infoHash(), peerId(random)));
            byte[] answer = new DataInputStream(s.getInputStream()).readNBytes(68);
            assertThat(Arrays.copyOfRange(answer, 28, 48)).isEqualTo(meta.infoHash());
        }
        leecherEngine = WireEngine.start(SETTINGS, null);
        SwarmHandle leecher = leecherEngine.open(torrent, tmp.resolve("leecher"), p -> { });
        leecher.downloaded().get(20, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(tmp.resolve("leecher").resolve("r.tar.gz"))).isEqualTo(data);
    }

    private void assertDropped(String what, byte[] handshake, byte[] then) throws Exception {
        try (Socket s = WireTests.connect(seedEngine.port())) {
            s.setSoTimeout(12_000);
            long start = System.nanoTime();
            OutputStream out = s.getOutputStream();
            out.write(handshake);
            try {
                out.write(then);
            } catch (java.io.IOException e) {
                // already dropped
            }
            assertThat(WireTests.closedByPeer(s)).as("%s: the engine closed the connection", what).isTrue();
            System.out.printf("garbage '%s' dropped after %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void assertDroppedAfterHandshake(String what, byte[]... messages) throws Exception {
        try (Socket s = WireTests.connect(seedEngine.port())) {
            s.setSoTimeout(12_000);
            long start = System.nanoTime();
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.write(WireTests.handshake(meta.infoHash(), peerId(new Random())));
            byte[] answer = new DataInputStream(s.getInputStream()).readNBytes(68);
            assertThat(Arrays.copyOfRange(answer, 28, 48)).as("%s: handshake answered", what).isEqualTo(meta.infoHash());
            try {
                for (byte[] m : messages) {
                    out.write(m);
                }
                out.flush();
            } catch (java.io.IOException e) {
                // already dropped
            }
            assertThat(WireTests.closedByPeer(s)).as("%s: the engine closed the connection", what).isTrue();
            System.out.printf("garbage '%s' dropped after %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static byte[] peerId(Random random) {
        byte[] id = new byte[20];
        random.nextBytes(id);
        return id;
    }

    private static byte[] message(int id, byte[] payload) {
        byte[] m = new byte[5 + payload.length];
        System.arraycopy(ints(1 + payload.length), 0, m, 0, 4);
        m[4] = (byte) id;
        System.arraycopy(payload, 0, m, 5, payload.length);
        return m;
    }

    private static byte[] ints(int... values) {
        byte[] b = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            b[4 * i] = (byte) (values[i] >>> 24);
            b[4 * i + 1] = (byte) (values[i] >>> 16);
            b[4 * i + 2] = (byte) (values[i] >>> 8);
            b[4 * i + 3] = (byte) values[i];
        }
        return b;
    }
}
