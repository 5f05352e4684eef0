package murder.core.wire;

import static murder.core.wire.WireTests.SETTINGS;
import static murder.core.wire.WireTests.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import murder.core.swarm.SwarmEngine.Role;
import murder.core.swarm.SwarmHandle;
import murder.core.testsupport.LoopbackTracker;
import murder.core.torrent.TorrentFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One super-seeding release host and eight peers, 32 MB: the peers carry the copies, not the seed. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WireScaleTest {

    private static final int SIZE = 32 * 1024 * 1024;
    private static final int PEERS = 8;

    @TempDir
    Path tmp;

    @Test
    void eightPeersGetTheFileWhileTheSuperSeedSendsAboutOneCopy() throws Exception {
        byte[] data = randomFile(tmp.resolve("seed").resolve("r.tar.gz"), SIZE, 8);
        List<WireEngine> engines = new ArrayList<>();
        try (LoopbackTracker tracker = new LoopbackTracker()) {
            byte[] torrent = TorrentFactory.make(tmp.resolve("seed").resolve("r.tar.gz"), tracker.announceUrl())
                    .bytes();
            try {
                WireEngine seedEngine = WireEngine.start(SETTINGS, null);
                engines.add(seedEngine);
                SwarmHandle seed = seedEngine.open(torrent, tmp.resolve("seed"), p -> { }, Role.INITIAL_SEED);
                seed.downloaded().get(20, TimeUnit.SECONDS);
                long start = System.nanoTime();
                List<SwarmHandle> peers = new ArrayList<>();
                for (int i = 0; i < PEERS; i++) {
                    WireEngine e = WireEngine.start(SETTINGS, null);
                    engines.add(e);
                    peers.add(e.open(torrent, tmp.resolve("peer-" + i), p -> { }));
                }
                for (SwarmHandle p : peers) {
                    p.downloaded().get(60, TimeUnit.SECONDS);
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                for (int i = 0; i < PEERS; i++) {
                    assertThat(Files.readAllBytes(tmp.resolve("peer-" + i).resolve("r.tar.gz")))
                            .as("peer %d's file", i).isEqualTo(data);
                }
                long sent = seed.progress().uploaded();
                System.out.printf("super-seed + %d peers, %d MB: all complete in %d ms, seed upload ratio %.2f "
                                + "(%d bytes), peers uploaded %s%n", PEERS, SIZE >> 20, ms, (double) sent / SIZE, sent,
                        peers.stream().map(p -> p.progress().uploaded() * 100 / SIZE + "%").toList());
                assertThat(sent).as("bytes the super-seed sent").isLessThan(SIZE * 3L / 2);
            } finally {
                engines.forEach(WireEngine::close);
            }
        }
    }
}
