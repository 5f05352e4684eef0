package murder.core.wire;

import static murder.core.wire.WireTests.SETTINGS;
import static murder.core.wire.WireTests.randomFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import murder.core.swarm.SwarmEngine.Role;
import murder.core.swarm.SwarmHandle;
import murder.core.testsupport.LoopbackTracker;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The wire engine when things go wrong: data already on disk, lying and stalling peers, closing, a broken disk. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireResilienceTest {

    private static final int PIECE = 64 * 1024;
    private static final int SIZE = 32 * PIECE + 1234; // 33 pieces, the last one short

    @TempDir
    Path tmp;

    private LoopbackTracker tracker;
    private byte[] data;
    private byte[] torrent;
    private Metainfo meta;
    private final List<AutoCloseable> closers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        tracker = new LoopbackTracker();
        data = randomFile(tmp.resolve("seed").resolve("r.tar.gz"), SIZE, 21);
        torrent = TorrentFactory.make(tmp.resolve("seed").resolve("r.tar.gz"), tracker.announceUrl()).bytes();
        meta = Metainfo.parse(torrent);
        assertThat(meta.pieceLength()).isEqualTo(PIECE);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
        tracker.close();
    }

    private WireEngine engine() {
        WireEngine e = WireEngine.start(SETTINGS, null);
        closers.add(e);
        return e;
    }

    private SwarmHandle seed() throws Exception {
        SwarmHandle seed = engine().open(torrent, tmp.resolve("seed"), p -> { });
        seed.downloaded().get(10, TimeUnit.SECONDS);
        return seed;
    }

    private RawPeer rawPeer(RawPeer.Mode mode) throws Exception {
        RawPeer peer = new RawPeer(meta.infoHash(), meta.pieceCount(), mode);
        closers.add(peer);
        WireTests.announce(tracker.announceUrl(), meta.infoHash(), peer.port());
        return peer;
    }

    @Test
    void aLeecherResumesFromHalfTheFileAndFetchesOnlyMissingAndBadPieces() throws Exception {
        seed();
        // the first 17 pieces and a part of the 18th; pieces 3 and 9 overwritten with garbage
        Path dir = Files.createDirectories(tmp.resolve("leecher"));
        int kept = 17 * PIECE + 1000;
        byte[] partial = java.util.Arrays.copyOf(data, kept);
        Random garbage = new Random(1);
        for (int bad : new int[] {3, 9}) {
            byte[] junk = new byte[PIECE];
            garbage.nextBytes(junk);
            System.arraycopy(junk, 0, partial, bad * PIECE, PIECE);
        }
        Files.write(dir.resolve("r.tar.gz"), partial);

        SwarmHandle leecher = engine().open(torrent, dir, p -> { });
        leecher.downloaded().get(30, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(dir.resolve("r.tar.gz"))).isEqualTo(data);
        long missing = SIZE - 15L * PIECE; // 16 pieces + the short one + pieces 3 and 9
        assertThat(leecher.progress().downloaded()).as("bytes downloaded to resume").isGreaterThanOrEqualTo(missing)
                .isLessThan(missing + 4L * PIECE); // end game may fetch a few blocks twice
    }

    @Test
    void aLyingPeerIsDroppedAndTheHonestSeedCompletesTheDownload() throws Exception {
        RawPeer liar = rawPeer(RawPeer.Mode.LIAR);
        SwarmHandle leecher = engine().open(torrent, tmp.resolve("leecher"), p -> { });

        // the liar alone: bad pieces only, never complete, and the first connection is dropped after a few
        await().atMost(Duration.ofSeconds(10)).until(() -> !liar.connections().isEmpty()
                && liar.connections().get(0).closedAt > 0);
        RawPeer.Conn first = liar.connections().get(0);
        assertThat(first.closedByEngine).isTrue();
        assertThat(leecher.progress().piecesComplete()).isZero();
        assertThat(leecher.downloaded()).isNotDone();
        // 3 strikes; pieces are checked on hashing threads while the reader goes on taking blocks, so what was asked
        // (32 blocks in flight) while the three checks ran may still come
        assertThat(first.blocksServed.get()).as("blocks the liar sent before it was dropped")
                .isLessThanOrEqualTo(3 * (PIECE / Messages.BLOCK) + 3 * WireSwarm.PIPELINE);

        SwarmHandle seed = seed();
        leecher.downloaded().get(30, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(tmp.resolve("leecher").resolve("r.tar.gz"))).isEqualTo(data);
        System.out.printf("liar: %d connections, blocks served per connection %s; leecher downloaded %d of %d%n",
                liar.connections().size(), liar.connections().stream().map(c -> c.blocksServed.get()).toList(),
                leecher.progress().downloaded(), SIZE);
        assertThat(seed.progress().uploaded()).isPositive();
    }

    @Test
    void lyingPeersSharingPiecesWithAnHonestOneGetOnlyThemselvesDropped() throws Exception {
        List<RawPeer> liars = List.of(rawPeer(RawPeer.Mode.LIAR), rawPeer(RawPeer.Mode.LIAR));
        RawPeer honest = new RawPeer(meta.infoHash(), meta.pieceCount(), data, PIECE);
        closers.add(honest);
        WireTests.announce(tracker.announceUrl(), meta.infoHash(), honest.port());
        // all are dialed at once: pieces a liar started are finished by the honest peer after the liar is dropped
        SwarmHandle leecher = engine().open(torrent, tmp.resolve("leecher"), p -> { });

        leecher.downloaded().get(30, TimeUnit.SECONDS);
        long done = System.currentTimeMillis();

        assertThat(Files.readAllBytes(tmp.resolve("leecher").resolve("r.tar.gz"))).isEqualTo(data);
        System.out.printf("2 liars and an honest peer: liar connections %s / %s blocks, honest %s blocks; "
                        + "downloaded %d of %d%n",
                liars.get(0).connections().stream().map(c -> c.blocksServed.get()).toList(),
                liars.get(1).connections().stream().map(c -> c.blocksServed.get()).toList(),
                honest.connections().stream().map(c -> c.blocksServed.get()).toList(),
                leecher.progress().downloaded(), SIZE);
        for (RawPeer liar : liars) {
            RawPeer.Conn first = liar.connections().get(0);
            assertThat(first.blocksServed.get()).as("the liar was asked for blocks").isPositive();
            assertThat(first.closedByEngine).as("the liar was dropped").isTrue();
            assertThat(first.closedAt).as("... before the download completed").isLessThan(done);
            assertThat(liar.connections().stream().filter(c -> c.openedAt < done))
                    .as("a dropped liar is not dialed again").hasSize(1);
        }
        // dropped (for blocks of the liars' it finished) and dialed again, or banned and the download stuck
        assertThat(honest.connections().stream().filter(c -> c.openedAt < done))
                .as("connections to the honest peer during the download").hasSize(1);
    }

    @Test
    void closingADownloadingHandleIsQuickAndTheTorrentCanBeOpenedAgain() throws Exception {
        RawPeer staller = rawPeer(RawPeer.Mode.STALL);
        WireEngine engine = engine();
        SwarmHandle first = engine.open(torrent, tmp.resolve("leecher"), p -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> first.progress().peers() > 0);
        assertThatThrownBy(() -> engine.open(torrent, tmp.resolve("elsewhere"), p -> { }))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.CONFLICT));

        long start = System.nanoTime();
        first.close();
        long closeMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(closeMs).as("ms to close a downloading handle").isLessThan(3_000);
        assertThat(first.downloaded()).isNotDone();
        await().atMost(Duration.ofSeconds(5)).until(() -> staller.connections().get(0).closedAt > 0);

        SwarmHandle again = engine.open(torrent, tmp.resolve("leecher"), p -> { });
        seed();
        again.downloaded().get(30, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(tmp.resolve("leecher").resolve("r.tar.gz"))).isEqualTo(data);
        assertThat(first.failure()).as("closing is not a storage failure").isNotDone();
    }

    @Test
    void closingTheEnginesEndsAllTheirThreads() throws Exception {
        SwarmHandle seed = seed();
        RawPeer staller = rawPeer(RawPeer.Mode.STALL);
        SwarmHandle leecher = engine().open(torrent, tmp.resolve("leecher"), p -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> leecher.progress().peers() > 1 || leecher.downloaded()
                .isDone());
        // a connection that never sends its handshake, and one that stops halfway through it
        int seedPort = ((WireEngine) closers.get(0)).port();
        try (Socket silent = WireTests.connect(seedPort); Socket half = WireTests.connect(seedPort)) {
            half.getOutputStream().write(new byte[] {19, 'B', 'i', 't'});
            Thread.sleep(200);
            assertThat(WireTests.wireThreads()).isNotEmpty();

            long start = System.nanoTime();
            for (AutoCloseable c : closers) {
                if (c instanceof WireEngine e) {
                    e.close();
                }
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to close the engines").isLessThan(5_000);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(WireTests.wireThreads()).isEmpty());
        }
        assertThat(seed.downloaded()).isDone();
        assertThat(staller.connections()).isNotEmpty();
    }

    @Test
    void aDiskThatIsFullEndsTheDownloadWithAFailureNamingTheFile() throws Exception {
        seed();
        Path dir = Files.createDirectories(tmp.resolve("full"));
        Files.createSymbolicLink(dir.resolve("r.tar.gz"), Path.of("/dev/full")); // every write: ENOSPC, even as root
        SwarmHandle leecher = engine().open(torrent, dir, p -> { });

        String failure = leecher.failure().get(20, TimeUnit.SECONDS);

        assertThat(failure).contains(dir.resolve("r.tar.gz").toString()).containsIgnoringCase("space");
        assertThat(leecher.downloaded()).isNotDone();
    }

    @Test
    void aDirectoryWhereTheFileGoesIsAFailureNamingTheFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dirfile"));
        Files.createDirectories(dir.resolve("r.tar.gz"));
        assertThat(failureOf(dir)).contains(dir.resolve("r.tar.gz").toString());
    }

    @Test
    void aDownloadDirectoryUnderARegularFileIsAFailureNamingTheFile() throws Exception {
        Path file = Files.write(tmp.resolve("plain"), new byte[] {1});
        Path dir = file.resolve("sub");
        assertThat(failureOf(dir)).contains(dir.resolve("r.tar.gz").toString());
    }

    /** The failure opening a torrent into {@code dir} must report: thrown by open() or completing failure(). */
    private String failureOf(Path dir) throws Exception {
        WireEngine engine = engine();
        try {
            SwarmHandle h = engine.open(torrent, dir, p -> { });
            closers.add(h);
            CompletableFuture<String> failure = h.failure();
            return failure.get(10, TimeUnit.SECONDS);
        } catch (MurderException e) {
            assertThat(e.kind()).isEqualTo(MurderException.Kind.FAILED);
            // and the engine did not keep the torrent half-open
            return e.getMessage();
        }
    }
}
