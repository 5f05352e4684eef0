package murder.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard BitTorrent client against murder: aria2c downloads a release from a murder seeder that it finds
 * through murder's tracker, on 127.0.0.1, and must get the exact tarball. aria2c tries an encrypted (MSE)
 * handshake first, so this also checks that murder's peers accept one. Skipped when aria2c is not installed.
 */
@Timeout(240)
class Aria2InteropTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private Aria2c aria2c;

    @BeforeEach
    void needsAria2c() {
        Optional<Aria2c> found = Aria2c.find();
        assumeTrue(found.isPresent(), "aria2c is not installed: run scripts/install-aria2.sh (as root) to run this test");
        aria2c = found.get();
    }

    @Test
    void aria2cWithItsDefaultsDownloadsTheTarballFromAMurderSeeder() throws Exception {
        downloadAndCheck("defaults");
    }

    @Test
    void aria2cThatRequiresEncryptionDownloadsTheTarballToo() throws Exception {
        // RC4 for the whole stream, no plaintext fallback: only works if murder's peer accepts MSE
        downloadAndCheck("rc4", "--bt-require-crypto=true", "--bt-min-crypto-level=arc4");
    }

    private void downloadAndCheck(String name, String... aria2Options) throws Exception {
        try (SeededRelease swarm = new SeededRelease(tmp.resolve("swarm"))) {
            Path out = Files.createDirectories(tmp.resolve("aria2-" + name));
            Aria2c.Run run = aria2c.download(swarm.torrent, out, tmp.resolve("aria2-" + name + ".log"), DEADLINE,
                    aria2Options);

            assertThat(run.exitCode()).as("aria2c exit code; its log %s ends:%n%s", run.log(), tail(run.log()))
                    .isZero();
            assertThat(swarm.isTheTarball(out.resolve(swarm.release.manifest().fileName())))
                    .as("aria2c's download has the release's SHA-256").isTrue();
            long size = swarm.release.manifest().size();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(swarm.seeder().progress().uploaded())
                    .as("bytes the murder seeder sent").isGreaterThanOrEqualTo(size));
            System.out.printf("aria2c %s, %d bytes, from aria2c's start: first piece %s, complete %s, exited %d ms%n",
                    aria2Options.length == 0 ? "(defaults)" : String.join(" ", aria2Options), size,
                    millis(run.firstPiece()), millis(run.complete()), run.exited().toMillis());
        }
    }

    private static String millis(Optional<Duration> time) {
        return time.map(d -> d.toMillis() + " ms").orElse("(not in aria2c's log)");
    }

    private static String tail(Path log) throws Exception {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
