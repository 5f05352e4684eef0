package murder.tracker.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import murder.tracker.MutableClock;
import murder.tracker.TrackerConfig;
import murder.tracker.auth.Authorizer;
import murder.tracker.auth.Credentials;
import murder.tracker.TrackerWiring;
import murder.tracker.store.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a heartbeat that changes nothing but last-seen is answered on the I/O thread; everything else queues. */
class PlainHeartbeatTest {

    @TempDir
    Path dataDir;

    private TrackerStore store;
    private Router router;

    @BeforeEach
    void setUp() {
        store = TrackerStore.open(dataDir);
        router = new Router(TrackerWiring.services(store, TrackerConfig.defaults(dataDir),
                new MutableClock(Instant.parse("2026-11-25T00:00:00Z"))), Authorizer.open());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aKnownAgentSayingStillHereIsInMemoryAndAnythingNewIsNot() {
        ApiRequest first = put("/api/v1/agents/h1", "{\"tags\":[\"web\"],\"btPort\":6881}");
        assertThat(router.isInMemory(first)).as("unknown agent: must be stored").isFalse();
        assertThat(router.handle(first)).isInstanceOfSatisfying(ApiResult.Done.class,
                d -> assertThat(d.reply().status()).isEqualTo(204));

        assertThat(router.isInMemory(first)).isTrue();
        assertThat(router.isInMemory(put("/api/v1/agents/h1", "{\"tags\":[\"db\"],\"btPort\":6881}"))).isFalse();
        assertThat(router.isInMemory(put("/api/v1/agents/h1", "{\"tags\":[\"web\"],\"btPort\":6881,"
                + "\"activeRelease\":\"r1\"}"))).isFalse();
        assertThat(router.isInMemory(put("/api/v1/agents/h1", "not json"))).isFalse();
        assertThat(router.isInMemory(put("/api/v1/agents/h1/reports", "{}"))).isFalse();
        assertThat(router.isInMemory(new ApiRequest("GET", "/api/v1/agents/h1", null, new byte[0], null, Credentials.NONE))).isFalse();
    }

    private static ApiRequest put(String path, String body) {
        return new ApiRequest("PUT", path, null, body.getBytes(UTF_8), null, Credentials.NONE);
    }
}
