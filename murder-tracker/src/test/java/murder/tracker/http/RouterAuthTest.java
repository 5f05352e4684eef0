package murder.tracker.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import murder.core.auth.AgentTokens;
import murder.core.client.TrackerAccess;
import murder.tracker.MutableClock;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerWiring;
import murder.tracker.auth.AgentSecrets;
import murder.tracker.auth.TokenAuthorizer;
import murder.tracker.auth.TokenSet;
import murder.tracker.store.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which credentials every route of the control API takes, through the real handler and router. */
class RouterAuthTest {

    private static final String DEPLOYER = AgentTokens.random();
    private static final String SECRET = AgentTokens.random();

    @TempDir
    Path dataDir;

    private TrackerStore store;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        store = TrackerStore.open(dataDir);
        Router.Services services = TrackerWiring.services(store, TrackerConfig.defaults(dataDir),
                new MutableClock(Instant.parse("2024-01-01T00:00:00Z")));
        Router router = new Router(services, new TokenAuthorizer(new TokenSet(List.of(DEPLOYER)),
                new AgentSecrets(List.of(SECRET)), false));
        channel = new EmbeddedChannel(new TrackerHandler(router, Runnable::run));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void deployerRoutesTakeOnlyDeployerTokens() {
        for (String path : List.of("/api/v1/releases", "/api/v1/deployments")) {
            assertThat(status(HttpMethod.POST, path, null, null)).as(path).isEqualTo(401);
            assertThat(status(HttpMethod.POST, path, agent("web1"), "web1")).as(path).isEqualTo(403);
            // past authentication: the empty body is what is wrong now
            assertThat(status(HttpMethod.POST, path, DEPLOYER, null)).as(path).isEqualTo(400);
        }
    }

    @Test
    void agentRoutesTakeOnlyThatHostsToken() {
        List<HttpMethod> methods = List.of(HttpMethod.PUT, HttpMethod.GET, HttpMethod.POST);
        List<String> paths = List.of("/api/v1/agents/web1", "/api/v1/agents/web1/desired",
                "/api/v1/agents/web1/reports");
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            HttpMethod method = methods.get(i);
            assertThat(status(method, path, null, null)).as(path).isEqualTo(401);
            assertThat(status(method, path, DEPLOYER, null)).as(path).isEqualTo(403);
            assertThat(status(method, path, agent("web2"), "web2")).as(path).isEqualTo(403);
            assertThat(status(method, path, agent("web2"), null)).as(path).isEqualTo(401);
            assertThat(status(method, path, agent("web1"), null)).as(path).isNotIn(401, 403);
            assertThat(status(method, path, agent("web1"), "web1")).as(path).isNotIn(401, 403);
        }
    }

    @Test
    void readsTakeEitherRoleAndAnnounceNone() {
        for (String path : List.of("/api/v1/status", "/api/v1/releases", "/api/v1/agents", "/api/v1/deployments/1",
                "/api/v1/releases/r1/torrent")) {
            assertThat(status(HttpMethod.GET, path, null, null)).as(path).isEqualTo(401);
            assertThat(status(HttpMethod.GET, path, DEPLOYER, null)).as(path).isNotIn(401, 403);
            assertThat(status(HttpMethod.GET, path, agent("web1"), "web1")).as(path).isNotIn(401, 403);
        }
        assertThat(status(HttpMethod.GET, "/announce", null, null)).isEqualTo(200); // a bencoded failure reason
        assertThat(status(HttpMethod.GET, "/scrape", null, null)).isEqualTo(200);
    }

    @Test
    void a401NamesTheBearerScheme() {
        channel.writeInbound(request(HttpMethod.GET, "/api/v1/status", null, null));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"murder\"");
        assertThat(response.content().toString(UTF_8)).startsWith("{\"error\":");
        response.release();
    }

    private static String agent(String host) {
        return AgentTokens.forHost(SECRET, host);
    }

    private int status(HttpMethod method, String uri, String token, String agentHost) {
        channel.writeInbound(request(method, uri, token, agentHost));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as(method + " " + uri).isNotNull();
        int status = response.status().code();
        response.release();
        return status;
    }

    private static DefaultFullHttpRequest request(HttpMethod method, String uri, String token, String agentHost) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.EMPTY_BUFFER);
        if (token != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        if (agentHost != null) {
            request.headers().set(TrackerAccess.AGENT_HEADER, agentHost);
        }
        return request;
    }
}
