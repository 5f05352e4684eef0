package murder.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import murder.cli.demo.SampleRelease;
import murder.core.bt.BtSettings;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.seeder.PreparedRelease;
import murder.seeder.ReleasePacker;
import murder.seeder.Seeder;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
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

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
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
        TestAuth auth = TestAuth.create(tmp.resolve("auth"));
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(tmp.resolve("tracker"))
                .withBindAddress(LOOPBACK.getHostAddress()).withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())))) {
            TrackerClient client = new TrackerClient(tracker.url(), auth.deployer());
            Path build = SampleRelease.generate(tmp.resolve("build"), 8_000_000L, 11);
            PreparedRelease release = ReleasePacker.prepare(build, "interop-1",
                    Files.createDirectories(tmp.resolve("pack")), client.announceUrl());
            client.registerRelease(release.manifest(), release.torrent());

            try (Seeder seeder = Seeder.start(release, new BtSettings(LOOPBACK, 0))) {
                Path torrent = Files.write(tmp.resolve("interop-1.torrent"), release.torrent());
                Path out = Files.createDirectories(tmp.resolve("aria2-" + name));
                Aria2c.Run run = aria2c.download(torrent, out, tmp.resolve("aria2-" + name + ".log"), DEADLINE,
                        aria2Options);

                assertThat(run.exitCode()).as("aria2c exit code; its log %s ends:%n%s", run.log(), tail(run.log()))
                        .isZero();
                assertThat(sha256(out.resolve(release.manifest().fileName()))).isEqualTo(release.manifest().sha256());
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seeder.progress().uploaded())
                        .as("bytes the murder seeder sent").isGreaterThanOrEqualTo(release.manifest().size()));
                System.out.printf("aria2c %s, %d bytes, from aria2c's start: first piece %s, complete %s, exited %d ms%n",
                        String.join(" ", aria2Options).isEmpty() ? "(defaults)" : String.join(" ", aria2Options),
                        release.manifest().size(), millis(run.firstPiece()), millis(run.complete()),
                        run.exited().toMillis());
            }
        }
    }

    private static String millis(Optional<Duration> time) {
        return time.map(d -> d.toMillis() + " ms").orElse("(not in aria2c's log)");
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String tail(Path log) throws Exception {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
