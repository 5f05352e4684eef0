package murder.core.wire;

import static murder.core.wire.WireTests.SETTINGS;
import static murder.core.wire.WireTests.randomFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import murder.core.testsupport.LoopbackTracker;
import murder.core.testsupport.LoopbackTracker.Announce;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leecher the tracker (interval 1 s) has no new peers for announces less and less often, and at the tracker's pace
 * again once an answer brings a peer to dial.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnnounceBackoffTest {

    private static final int PIECE = 64 * 1024;

    @TempDir
    Path tmp;

    @Test
    void backsOffWhileNothingIsNewAndComesBackForANewPeer() throws Exception {
        try (LoopbackTracker tracker = new LoopbackTracker()) {
            randomFile(tmp.resolve("seed").resolve("r.tar.gz"), 4 * PIECE, 3);
            byte[] torrent = TorrentFactory.make(tmp.resolve("seed").resolve("r.tar.gz"), tracker.announceUrl()).bytes();
            Metainfo meta = Metainfo.parse(torrent);
            // claims every piece and answers nothing: the leecher stays a leecher with one peer
            try (RawPeer first = new RawPeer(meta.infoHash(), meta.pieceCount(), RawPeer.Mode.STALL);
                    RawPeer second = new RawPeer(meta.infoHash(), meta.pieceCount(), RawPeer.Mode.STALL);
                    WireEngine engine = WireEngine.start(SETTINGS, null)) {
                WireTests.announce(tracker.announceUrl(), meta.infoHash(), first.port());
                long started = System.nanoTime();
                engine.open(torrent, tmp.resolve("leecher"), p -> { });
                int port = engine.port();

                await().atMost(Duration.ofSeconds(20)).until(() -> System.nanoTime() - started > 7_500_000_000L);
                List<Announce> quiet = ofPort(tracker, port);
                System.out.println("announces in the first 7.5 s, ms after the first: " + offsets(quiet));
                assertThat(first.connections()).as("the leecher dialed the first peer").isNotEmpty();
                // at the tracker's 1 s: 8 or so; doubling from 1 s after the first quiet answer: at 0, 1, 2, 4 s
                assertThat(quiet.size()).as("announces in 7.5 s while nothing was new").isBetween(2, 5);
                long lastGap = quiet.get(quiet.size() - 1).atNanos() - quiet.get(quiet.size() - 2).atNanos();
                assertThat(lastGap).as("the last gap, ns").isGreaterThanOrEqualTo(1_800_000_000L);

                WireTests.announce(tracker.announceUrl(), meta.infoHash(), second.port());
                long added = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).until(() -> !second.connections().isEmpty());
                Announce found = ofPort(tracker, port).stream().filter(a -> a.atNanos() > added).findFirst().orElseThrow();
                await().atMost(Duration.ofSeconds(5)).until(() -> ofPort(tracker, port).stream()
                        .anyMatch(a -> a.atNanos() > found.atNanos()));
                Announce next = ofPort(tracker, port).stream().filter(a -> a.atNanos() > found.atNanos())
                        .findFirst().orElseThrow();
                System.out.printf("the second peer was found %d ms after it was listed; next announce %d ms later%n",
                        (found.atNanos() - added) / 1_000_000, (next.atNanos() - found.atNanos()) / 1_000_000);
                assertThat(next.atNanos() - found.atNanos()).as("the gap after the answer with a new peer, ns")
                        .isLessThan(2_500_000_000L);
            }
        }
    }

    private static List<Announce> ofPort(LoopbackTracker tracker, int port) {
        return tracker.announces().stream().filter(a -> a.port() == port && !a.event().equals("stopped")).toList();
    }

    private static List<Long> offsets(List<Announce> announces) {
        long first = announces.get(0).atNanos();
        return announces.stream().map(a -> (a.atNanos() - first) / 1_000_000).toList();
    }
}
