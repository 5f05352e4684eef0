package murder.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorrent (Debian's python3-libtorrent) against murder: it downloads from a murder seeder, MSE first as it
 * prefers, then seeds; with murder's seeder gone it must stay listed by the tracker although it announces only
 * every 300 s (its minimum, whatever the tracker's interval). The old fixed 30 s expiry dropped it. Skipped when
 * python3 cannot import libtorrent.
 */
@Timeout(300)
class LibtorrentInteropTest {

    /** Past the old 30 s expiry, well before libtorrent's next announce at 300 s. */
    private static final Duration LISTED_AFTER = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    void libtorrentDownloadsTheTarballAndStaysListedAsASeedBetweenItsAnnounces() throws Exception {
        String python = pythonWithLibtorrent();
        assumeTrue(python != null, "python3 cannot import libtorrent: apt-get install python3-libtorrent to run this test");
        Path script = tmp.resolve("libtorrent_fetch.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/libtorrent_fetch.py")) {
            Files.copy(in, script);
        }
        try (SeededRelease swarm = new SeededRelease(tmp.resolve("swarm"))) {
            Path out = Files.createDirectories(tmp.resolve("libtorrent"));
            Process process = new ProcessBuilder(python, script.toString(), swarm.torrent.toString(), out.toString(),
                    String.valueOf(LISTED_AFTER.toSeconds() + 20)).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = waitFor(reader, lines, " complete");
                assertThat(line).as("libtorrent finished; its output:%n%s", String.join("\n", lines)).isNotNull();
                swarm.stopSeeder();
                long completedAt = System.nanoTime();
                assertThat(swarm.isTheTarball(out.resolve(swarm.release.manifest().fileName())))
                        .as("libtorrent's download has the release's SHA-256").isTrue();

                sleepUntil(completedAt + LISTED_AFTER.toNanos());
                assertThat(swarm.completePeers()).as("seeds the tracker lists %s after libtorrent completed and"
                        + " murder's seeder stopped", LISTED_AFTER).isEqualTo(1);
                waitFor(reader, lines, " done");
            } finally {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            System.out.println("libtorrent interop (ms from its start): " + String.join("; ", lines));
        }
    }

    /** Reads the script's lines until one contains {@code text}; null if it ended first. */
    private static String waitFor(BufferedReader reader, List<String> lines, String text) throws Exception {
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
            if (line.contains(text)) {
                return line;
            }
        }
        return null;
    }

    /** A fixed wait is the point here: the tracker must still list the peer after this long without a word. */
    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The PATH's python3, else the system's (Debian installs the module for that one), if it has libtorrent. */
    private static String pythonWithLibtorrent() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import libtorrent").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (Exception e) {
                // not there: try the next
            }
        }
        return null;
    }
}
