package murder.tracker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.api.AgentHeartbeat;
import murder.core.api.ErrorBody;
import murder.core.api.RegisterRelease;
import murder.core.client.TrackerAccess;
import murder.core.client.TrackerClient;
import murder.core.json.Json;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API's authentication over real sockets, as clients and plain HTTP see it. */
class TrackerAuthTest {

    @TempDir
    Path dir;

    private TrackerDaemon tracker;
    private TestAuth auth;

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private void start(boolean openReads) {
        auth = TestAuth.create(dir.resolve("auth"));
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dir.resolve("data")).withBindAddress("127.0.0.1")
                .withPort(0).withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())
                        .withOpenReads(openReads)));
    }

    @Test
    void noTokenIs401WithAJsonBodyAndABearerChallenge() throws Exception {
        start(false);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(tracker.url() + "/api/v1/status")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.read(response.body().getBytes(UTF_8), ErrorBody.class).error())
                .contains("requires a token");

        assertThatThrownBy(() -> new TrackerClient(tracker.url()).status())
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("no token was sent")
                .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(Kind.UNAUTHORIZED));
    }

    @Test
    void rolesAndHostsAreEnforced() throws Exception {
        start(false);
        TrackerClient deployer = new TrackerClient(tracker.url(), auth.deployer());
        TrackerClient web1 = new TrackerClient(tracker.url(), auth.agent("web1"));
        RegisterRelease release = TestReleases.make(dir, "r1", "auth");

        assertThatThrownBy(() -> web1.registerRelease(release.manifest(), release.torrent()))
                .hasMessageContaining("HTTP 403").hasMessageContaining("agent token of host web1")
                .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(Kind.FORBIDDEN));
        deployer.registerRelease(release.manifest(), release.torrent());

        web1.heartbeat("web1", new AgentHeartbeat(List.of("web"), 6881, null));
        assertThatThrownBy(() -> web1.heartbeat("web2", new AgentHeartbeat(List.of("web"), 6882, null)))
                .hasMessageContaining("HTTP 403").hasMessageContaining("may act only as web1, not as web2");
        assertThatThrownBy(() -> deployer.heartbeat("web2", new AgentHeartbeat(List.of("web"), 6882, null)))
                .hasMessageContaining("HTTP 403");
        assertThatThrownBy(() -> web1.createDeployment("r1", "web")).hasMessageContaining("HTTP 403");

        assertThat(deployer.createDeployment("r1", "web").targets()).containsExactly("web1");
        assertThat(web1.torrent("r1")).isEqualTo(release.torrent()); // agents fetch torrents
        assertThat(web1.desired("web1", 0, java.time.Duration.ZERO)).isPresent();
        assertThat(deployer.status().agents()).hasSize(1);

        TrackerClient wrong = new TrackerClient(tracker.url(), new TrackerAccess("f".repeat(64), null, null));
        assertThatThrownBy(wrong::status).hasMessageContaining("HTTP 401").hasMessageContaining("not accepted")
                .hasMessageContaining("check the token file");
    }

    @Test
    void openReadsLetAnyoneReadButNotWrite() throws Exception {
        start(true);
        TrackerClient anonymous = new TrackerClient(tracker.url());
        RegisterRelease release = TestReleases.make(dir, "r1", "auth");

        assertThat(anonymous.status().releases()).isEmpty();
        assertThatThrownBy(() -> anonymous.registerRelease(release.manifest(), release.torrent()))
                .hasMessageContaining("HTTP 401");
        assertThatThrownBy(() -> anonymous.heartbeat("web1", new AgentHeartbeat(List.of("web"), 6881, null)))
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void announceAndScrapeNeedNoToken() throws Exception {
        start(false);
        RegisterRelease release = TestReleases.make(dir, "r1", "auth");
        new TrackerClient(tracker.url(), auth.deployer()).registerRelease(release.manifest(), release.torrent());
        StringBuilder hash = new StringBuilder();
        for (byte b : HexFormat.of().parseHex(release.manifest().infoHash())) {
            hash.append(String.format("%%%02X", b));
        }

        String announce = RawHttp.get(tracker.url(), "/announce?info_hash=" + hash
                + "&peer_id=-MU0001-000000000001&port=7001&uploaded=0&downloaded=0&left=0&compact=1");
        String scrape = RawHttp.get(tracker.url(), "/scrape?info_hash=" + hash);

        assertThat(announce).contains("8:interval").doesNotContain("failure reason");
        assertThat(scrape).contains("5:files");
    }

    @Test
    void theHealthCheckNeedsNoTokenButStatusDoes() throws Exception {
        start(false);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(tracker.url() + "/api/v1/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(tracker.url() + "/api/v1/status"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        assertThat(status.statusCode()).isEqualTo(401);
    }
}
