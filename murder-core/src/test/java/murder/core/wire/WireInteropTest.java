package murder.core.wire;

import static murder.core.wire.WireTests.SETTINGS;
import static murder.core.wire.WireTests.btRuntime;
import static murder.core.wire.WireTests.randomFile;
import static murder.core.wire.WireTests.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import bt.protocol.crypto.EncryptionPolicy;
import bt.runtime.BtRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.SwarmSession;
import murder.core.swarm.SwarmEngine.Role;
import murder.core.swarm.SwarmHandle;
import murder.core.testsupport.LoopbackTracker;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire engine against bt 1.10, an independent BitTorrent implementation, both ways, plaintext and MSE. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WireInteropTest {

    private static final int SIZE = 6 * 1024 * 1024 + 4321; // 97 pieces of 64 KiB, the last one short

    @TempDir
    Path tmp;

    private LoopbackTracker tracker;
    private byte[] data;
    private byte[] torrent;
    private final List<AutoCloseable> closers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        tracker = new LoopbackTracker();
        data = randomFile(tmp.resolve("seed").resolve("r.tar.gz"), SIZE, 11);
        torrent = TorrentFactory.make(tmp.resolve("seed").resolve("r.tar.gz"), tracker.announceUrl()).bytes();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
        tracker.close();
    }

    private SwarmHandle wire(Path dir, Role role) {
        WireEngine engine = WireEngine.start(SETTINGS, null);
        closers.add(engine);
        return engine.open(torrent, dir, p -> { }, role);
    }

    private BtRuntime bt(BtRuntime runtime) {
        closers.add(runtime::shutdown);
        return runtime;
    }

    private SwarmSession session(BtRuntime runtime, Path dir) {
        SwarmSession s = SwarmSession.start(runtime, torrent, dir, p -> { });
        closers.add(s);
        return s;
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aBtLeecherDownloadsFromAWireSeed(Role role) throws Exception {
        SwarmHandle seed = wire(tmp.resolve("seed"), role);
        seed.downloaded().get(10, TimeUnit.SECONDS);

        SwarmSession leecher = session(bt(BtRuntimeFactory.create(SETTINGS)), tmp.resolve("bt"));
        leecher.downloaded().get(40, TimeUnit.SECONDS);

        assertThat(sha256(tmp.resolve("bt").resolve("r.tar.gz"))).isEqualTo(sha256(data));
        assertThat(seed.progress().uploaded()).as("bytes the wire seed sent").isGreaterThanOrEqualTo(SIZE);
    }

    @Test
    void aWireLeecherDownloadsFromABtSeed() throws Exception {
        SwarmSession seed = session(bt(BtRuntimeFactory.create(SETTINGS)), tmp.resolve("seed"));
        seed.downloaded().get(10, TimeUnit.SECONDS);

        SwarmHandle leecher = wire(tmp.resolve("wire"), Role.PEER);
        leecher.downloaded().get(40, TimeUnit.SECONDS);

        assertThat(sha256(tmp.resolve("wire").resolve("r.tar.gz"))).isEqualTo(sha256(data));
        assertThat(leecher.progress().piecesComplete()).isEqualTo(leecher.progress().piecesTotal());
        assertThat(leecher.failure()).isNotDone();
    }

    @Test
    void aBtLeecherThatRequiresEncryptionDownloadsFromAWireSeed() throws Exception {
        // the wire seed dials the leecher in plaintext too (refused by it); only the leecher's MSE connection works
        SwarmHandle seed = wire(tmp.resolve("seed"), Role.INITIAL_SEED);
        seed.downloaded().get(10, TimeUnit.SECONDS);

        SwarmSession leecher = session(bt(btRuntime(EncryptionPolicy.REQUIRE_ENCRYPTED)), tmp.resolve("bt"));
        leecher.downloaded().get(60, TimeUnit.SECONDS);

        assertThat(sha256(tmp.resolve("bt").resolve("r.tar.gz"))).isEqualTo(sha256(data));
        assertThat(seed.progress().uploaded()).isGreaterThanOrEqualTo(SIZE);
    }
}
