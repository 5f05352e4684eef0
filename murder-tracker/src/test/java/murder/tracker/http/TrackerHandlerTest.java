package murder.tracker.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import murder.core.api.AgentHeartbeat;
import murder.core.api.CreateDeployment;
import murder.core.api.DesiredRelease;
import murder.core.api.ErrorBody;
import murder.core.json.Json;
import murder.tracker.MutableClock;
import murder.tracker.TestReleases;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerWiring;
import murder.tracker.auth.Authorizer;
import murder.tracker.store.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerHandlerTest {

    @TempDir
    Path dataDir;

    private TrackerStore store;
    private Router.Services services;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        store = TrackerStore.open(dataDir);
        services = TrackerWiring.services(store, TrackerConfig.defaults(dataDir),
                new MutableClock(Instant.parse("2024-01-01T00:00:00Z")));
        // a direct executor: the "blocking" work runs on the test thread, so the channel stays single-threaded
        channel = new EmbeddedChannel(new TrackerHandler(new Router(services, Authorizer.open()), Runnable::run));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void unknownPathIs404WithJsonError() {
        FullHttpResponse response = exchange(HttpMethod.GET, "/nope", null);

        assertThat(response.status().code()).isEqualTo(404);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(error(response)).contains("no such endpoint: GET /nope");
        response.release();
    }

    @Test
    void malformedJsonIs400() {
        FullHttpResponse response = exchange(HttpMethod.POST, "/api/v1/deployments", "{not json");

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response)).startsWith("malformed JSON for CreateDeployment");
        response.release();
    }

    @Test
    void wrongMethodIs405WithAllow() {
        FullHttpResponse response = exchange(HttpMethod.DELETE, "/api/v1/releases", null);

        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, POST");
        assertThat(error(response)).contains("DELETE is not allowed");
        response.release();
    }

    @Test
    void registeringIs201ThenIdempotent200() throws Exception {
        String body = new String(Json.write(TestReleases.make(dataDir, "r1", "x")), UTF_8);

        FullHttpResponse created = exchange(HttpMethod.POST, "/api/v1/releases", body);
        FullHttpResponse again = exchange(HttpMethod.POST, "/api/v1/releases", body);

        assertThat(created.status().code()).isEqualTo(201);
        assertThat(again.status().code()).isEqualTo(200);
        assertThat(body(again)).isEqualTo(body(created));
        created.release();
        again.release();
    }

    @Test
    void invalidHostNameIs400() {
        FullHttpResponse response = exchange(HttpMethod.PUT, "/api/v1/agents/bad%20host", "{\"tags\":[\"web\"]}");

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response)).contains("invalid host name 'bad host'");
        response.release();
    }

    @Test
    void longPollIsAnsweredWhenADeploymentArrivesAndForgottenWhenTheChannelCloses() throws Exception {
        services.releases().register(TestReleases.make(dataDir, "r1", "x"));
        services.agents().heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));

        channel.writeInbound(request(HttpMethod.GET, "/api/v1/agents/h1/desired?known=0&waitMs=30000", null));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(services.desired().waiting()).isEqualTo(1);

        services.deployments().create(new CreateDeployment("r1", "web"));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(200);
        DesiredRelease desired = Json.read(body(response).getBytes(UTF_8), DesiredRelease.class);
        assertThat(desired.release().id()).isEqualTo("r1");
        response.release();

        channel.writeInbound(request(HttpMethod.GET, "/api/v1/agents/h1/desired?known=" + desired.deploymentId()
                + "&waitMs=30000", null));
        assertThat(services.desired().waiting()).isEqualTo(1);
        channel.close();
        assertThat(services.desired().waiting()).isZero();
    }

    @Test
    void longPollTimesOutWith204() {
        services.agents().heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));

        channel.writeInbound(request(HttpMethod.GET, "/api/v1/agents/h1/desired?known=0&waitMs=20", null));

        FullHttpResponse response = await().atMost(Duration.ofSeconds(5)).until(() -> {
            channel.runScheduledPendingTasks();
            return channel.<FullHttpResponse>readOutbound();
        }, r -> r != null);
        assertThat(response.status().code()).isEqualTo(204);
        assertThat(services.desired().waiting()).isZero();
        response.release();
    }

    private FullHttpResponse exchange(HttpMethod method, String uri, String body) {
        channel.writeInbound(request(method, uri, body));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).isNotNull();
        return response;
    }

    private static DefaultFullHttpRequest request(HttpMethod method, String uri, String body) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, UTF_8));
    }

    private static String body(FullHttpResponse response) {
        return response.content().toString(UTF_8);
    }

    private static String error(FullHttpResponse response) {
        return Json.read(body(response).getBytes(UTF_8), ErrorBody.class).error();
    }
}
