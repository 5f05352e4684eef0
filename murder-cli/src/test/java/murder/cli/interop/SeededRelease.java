package murder.cli.interop;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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

/** A murder tracker and a murder seeder of one registered 8 MB release on 127.0.0.1, and its .torrent on disk. */
final class SeededRelease implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final TrackerDaemon tracker;
    final PreparedRelease release;
    final Path torrent;
    private Seeder seeder;

    SeededRelease(Path dir) throws Exception {
        TestAuth auth = TestAuth.create(dir.resolve("auth"));
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dir.resolve("tracker"))
                .withBindAddress(LOOPBACK.getHostAddress()).withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())));
        try {
            TrackerClient client = new TrackerClient(tracker.url(), auth.deployer());
            Path build = SampleRelease.generate(dir.resolve("build"), 8_000_000L, 11);
            release = ReleasePacker.prepare(build, "interop-1", Files.createDirectories(dir.resolve("pack")),
                    client.announceUrl());
            client.registerRelease(release.manifest(), release.torrent());
            seeder = Seeder.start(release, new BtSettings(LOOPBACK, 0));
            torrent = Files.write(dir.resolve("interop-1.torrent"), release.torrent());
        } catch (Exception | Error e) {
            tracker.close();
            throw e;
        }
    }

    Seeder seeder() {
        return seeder;
    }

    /** Stops murder's seeder (it announces {@code stopped}); the tracker keeps running. */
    void stopSeeder() {
        if (seeder != null) {
            seeder.close();
            seeder = null;
        }
    }

    /** The tracker's scrape count of complete peers for the release (BEP 48). */
    long completePeers() throws Exception {
        byte[] hash = HexFormat.of().parseHex(release.manifest().infoHash());
        StringBuilder query = new StringBuilder("info_hash=");
        for (byte b : hash) {
            query.append('%').append(String.format("%02X", b & 0xff));
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(tracker.url() + "/scrape?" + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
        try (BEParser parser = new BEParser(response.body())) {
            BEMap files = (BEMap) parser.readMap().getValue().get("files");
            for (BEObject<?> counts : files.getValue().values()) {
                return ((BEInteger) ((BEMap) counts).getValue().get("complete")).getValue().longValue();
            }
        }
        return 0;
    }

    /** True if {@code file} is exactly the release's tarball. */
    boolean isTheTarball(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest()).equals(release.manifest().sha256());
    }

    @Override
    public void close() {
        try {
            stopSeeder();
        } finally {
            tracker.close();
        }
    }
}
