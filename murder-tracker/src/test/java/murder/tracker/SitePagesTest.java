package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import murder.tracker.web.WebAssets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page, its assets, /health and /metrics over a real socket: who may read them, and the headers they carry. */
class SitePagesTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path secrets;

    private TrackerDaemon tracker;

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private TestAuth start(boolean openReads) {
        TestAuth auth = TestAuth.create(secrets);
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets()).withOpenReads(openReads)));
        return auth;
    }

    @Test
    void thePageAndItsAssetsNeedNoTokenAndAllowOnlyTheirOwnOrigin() throws Exception {
        start(false);
        HttpResponse<String> page = WebGet.get(tracker.url(), "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(WebAssets.CONTENT_SECURITY_POLICY);
        assertThat(WebAssets.CONTENT_SECURITY_POLICY).contains("default-src 'none'", "script-src 'self'",
                "style-src 'self'", "connect-src 'self'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // no inline code at all: the policy would block it, and so nothing the page shows can be code
        assertThat(page.body()).contains("<script src=\"/ui.js\" defer></script>",
                "<link rel=\"stylesheet\" href=\"/ui.css\">").doesNotContain("<script>", "<style", "style=", "onclick");

        HttpResponse<String> script = WebGet.get(tracker.url(), "/ui.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("/api/v1/status").doesNotContain("innerHTML", "outerHTML",
                "insertAdjacentHTML", "document.write", "eval(");
        HttpResponse<String> css = WebGet.get(tracker.url(), "/ui.css", null);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<String> post = WebGet.send(tracker.url(), "POST", "/", null);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(WebGet.get(tracker.url(), "/index.html", null).statusCode()).isEqualTo(404);
    }

    @Test
    void apiAnswersAreNeverCachedAndReadsNeedATokenUnlessOpen() throws Exception {
        TestAuth auth = start(false);
        HttpResponse<String> refused = WebGet.get(tracker.url(), "/api/v1/status", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"murder\"");
        assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> status = WebGet.get(tracker.url(), "/api/v1/status", auth.deployerToken());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(status.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void healthIsOpenAtBothPathsAndMetricsNeedAReadToken() throws Exception {
        TestAuth auth = start(false);
        HttpResponse<String> health = WebGet.get(tracker.url(), "/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"", "\"uptimeSeconds\"");
        assertThat(WebGet.get(tracker.url(), "/api/v1/health", null).body()).contains("\"status\":\"ok\"");

        HttpResponse<String> refused = WebGet.get(tracker.url(), "/metrics", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("requires a token");
        assertThat(WebGet.get(tracker.url(), "/metrics", "not-a-token-of-this-tracker-at-all-0123456789")
                .statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = WebGet.get(tracker.url(), "/metrics", auth.deployerToken());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("murder_tracker_agents_alive");
    }

    @Test
    void openReadsOpenTheApiReadsAndMetricsButNotWrites() throws Exception {
        start(true);
        assertThat(WebGet.get(tracker.url(), "/api/v1/status", null).statusCode()).isEqualTo(200);
        assertThat(WebGet.get(tracker.url(), "/metrics", null).statusCode()).isEqualTo(200);
        assertThat(WebGet.send(tracker.url(), "POST", "/api/v1/deployments", null).statusCode()).isEqualTo(401);
    }
}
