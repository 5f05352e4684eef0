package bt.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import bt.net.Peer;
import bt.tracker.TrackerResponse;
import bt.tracker.http.urlencoding.TrackerQueryBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import murder.core.api.RegisterRelease;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import murder.tracker.TestReleases;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our announce as bt 1.10's HTTP tracker client sees it: the query is encoded by bt's own query builder and the
 * answer parsed by bt's own response handler (package-private, hence this test's package).
 */
class BtClientInteropTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void btEncodesAnnouncesWeUnderstandAndParsesOurAnswers() throws Exception {
        TestAuth auth = TestAuth.create(work.resolve("auth"));
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1")
                .withPort(0).withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())))) {
            RegisterRelease release = TestReleases.make(work, "r1", "bt");
            new TrackerClient(tracker.url(), auth.deployer()).registerRelease(release.manifest(), release.torrent());
            byte[] infoHash = HexFormat.of().parseHex(release.manifest().infoHash());

            TrackerResponse seeder = announce(tracker.url(), infoHash, (byte) 1, 7001, 0, "started");
            TrackerResponse leecher = announce(tracker.url(), infoHash, (byte) 2, 7002, 1000, "started");
            TrackerResponse stopped = announce(tracker.url(), infoHash, (byte) 2, 7002, 1000, "stopped");
            TrackerResponse unknown = announce(tracker.url(), new byte[20], (byte) 3, 7003, 0, null);

            assertThat(seeder.isSuccess()).as("%s", seeder.getError()).isTrue();
            assertThat(leecher.isSuccess()).as("%s", leecher.getError()).isTrue();
            assertThat(leecher.getInterval()).isEqualTo(2);
            // bt queries at the longer of its configured 2 s and this: it must not be longer
            assertThat(leecher.getMinInterval()).isEqualTo(2);
            assertThat(leecher.getSeederCount()).isEqualTo(1);
            assertThat(leecher.getLeecherCount()).isEqualTo(1);
            // the source is loopback, which would not help peers on other hosts: the address bt says it listens on wins
            assertThat(endpoints(leecher)).containsExactly("10.0.0.9:7001");
            assertThat(stopped.isSuccess()).as("%s", stopped.getError()).isTrue();
            assertThat(unknown.isSuccess()).isFalse();
            assertThat(unknown.getErrorMessage()).contains("unknown info_hash");
        }
    }

    private static TrackerResponse announce(URI tracker, byte[] infoHash, byte peer, int port, long left, String event)
            throws Exception {
        byte[] peerId = new byte[20];
        peerId[0] = '-';
        peerId[19] = peer;
        // the same parameters bt's HttpTracker sends
        TrackerQueryBuilder query = new TrackerQueryBuilder();
        query.add("info_hash", infoHash);
        query.add("peer_id", peerId);
        query.add("ip", "10.0.0.9");
        query.add("port", port);
        query.add("uploaded", 0);
        query.add("downloaded", 0);
        query.add("left", left);
        query.add("compact", 1);
        query.add("numwant", 50);
        if (event != null) {
            query.add("event", event);
        }
        query.add("supportcrypto", 1);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(tracker + "/announce?" + query.toQuery())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return new HttpResponseHandler().handleResponse(response.body(), StandardCharsets.ISO_8859_1);
    }

    private static List<String> endpoints(TrackerResponse response) {
        List<String> out = new ArrayList<>();
        for (Peer peer : response.getPeers()) {
            out.add(peer.getInetAddress().getHostAddress() + ":" + peer.getPort());
        }
        return out;
    }
}
