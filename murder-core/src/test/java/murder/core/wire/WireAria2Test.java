package murder.core.wire;

import static murder.core.wire.WireTests.SETTINGS;
import static murder.core.wire.WireTests.randomFile;
import static murder.core.wire.WireTests.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * aria2c, a standard client (libtorrent-free, own MSE), downloads from a super-seeding wire engine found through a
 * loopback tracker, in plaintext and with RC4 required. Skipped when aria2c is not installed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WireAria2Test {

    private static final Path ARIA2C = Path.of("/usr/bin/aria2c");
    private static final int SIZE = 5 * 1024 * 1024 + 777;
    private static final int DEADLINE_S = 40;

    @TempDir
    Path tmp;

    @Test
    void aria2cWithItsDefaultsDownloadsFromAWireInitialSeed() throws Exception {
        downloadAndCheck("defaults");
    }

    @Test
    void aria2cThatRequiresRc4DownloadsFromAWireInitialSeed() throws Exception {
        downloadAndCheck("rc4", "--bt-require-crypto=true", "--bt-min-crypto-level=arc4");
    }

    private void downloadAndCheck(String name, String... options) throws Exception {
        assumeTrue(Files.isExecutable(ARIA2C), "aria2c is not installed at " + ARIA2C);
        Path seedFile = tmp.resolve("seed").resolve("r.tar.gz");
        byte[] data = randomFile(seedFile, SIZE, 5);
        try (LoopbackTracker tracker = new LoopbackTracker();
             WireEngine engine = WireEngine.start(SETTINGS, null)) {
            Path torrentFile = Files.write(tmp.resolve("r.torrent"),
                    TorrentFactory.make(seedFile, tracker.announceUrl()).bytes());
            SwarmHandle seed = engine.open(Files.readAllBytes(torrentFile), seedFile.getParent(), p -> { },
                    Role.INITIAL_SEED);
            seed.downloaded().get(10, TimeUnit.SECONDS);

            Path out = Files.createDirectories(tmp.resolve("aria2-" + name));
            Path log = tmp.resolve("aria2-" + name + ".log");
            List<String> command = new ArrayList<>(List.of(ARIA2C.toString(), "--no-conf", "--dir=" + out,
                    "--log=" + log, "--log-level=info", "--console-log-level=warn", "--summary-interval=0",
                    "--seed-time=0", "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
                    "--enable-peer-exchange=false", "--listen-port=" + freePort(), "--file-allocation=none",
                    "--bt-stop-timeout=" + DEADLINE_S, "--stop=" + DEADLINE_S));
            command.addAll(List.of(options));
            command.add(torrentFile.toString());
            long start = System.nanoTime();
            Process aria2 = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("aria2-" + name + ".console").toFile()).start();
            try {
                assertThat(aria2.waitFor(DEADLINE_S + 15, TimeUnit.SECONDS)).as("aria2c exited").isTrue();
                assertThat(aria2.exitValue()).as("aria2c exit code; log ends:%n%s", tail(log)).isZero();
            } finally {
                aria2.destroyForcibly();
            }
            assertThat(sha256(out.resolve("r.tar.gz"))).isEqualTo(sha256(data));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seed.progress().uploaded())
                    .isGreaterThanOrEqualTo(SIZE));
            System.out.printf("aria2c %s from a wire initial seed: %d bytes in %d ms, seed sent %d%n", name, SIZE,
                    (System.nanoTime() - start) / 1_000_000, seed.progress().uploaded());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, WireTests.LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) throws Exception {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
