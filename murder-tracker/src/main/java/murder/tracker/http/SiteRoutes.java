package murder.tracker.http;

import java.util.function.Supplier;
import murder.tracker.auth.Access;
import murder.tracker.auth.Authorizer;
import murder.tracker.control.HealthService;
import murder.tracker.web.WebAssets;

/**
 * What the tracker serves outside the control API: the web page ({@code /} and its script and style sheet),
 * Prometheus {@code /metrics} and {@code /health}, an alias of the control API's health check. Kept out of the
 * {@link Router}'s API sections so that they change independently.
 */
public final class SiteRoutes {

    public static final String METRICS = "/metrics";
    public static final String HEALTH = "/health";

    private final WebAssets assets;
    private final Supplier<HttpReply> metrics;
    private final HealthService health;
    private final Authorizer auth;

    /** @param metrics the Prometheus text of this moment */
    public SiteRoutes(WebAssets assets, Supplier<HttpReply> metrics, HealthService health, Authorizer auth) {
        this.assets = assets;
        this.metrics = metrics;
        this.health = health;
        this.auth = auth;
    }

    /** The answer for one of these paths, or null for any other path. */
    ApiResult route(ApiRequest r) {
        String path = r.path();
        if (path.equals(HEALTH)) {
            return Router.on(r, "GET", () -> HttpReply.json(200, health.health())); // open, as /api/v1/health
        }
        if (path.equals(METRICS)) {
            // as revealing as a status read (fleet size, deploy activity): a read token, or none with --open-reads
            auth.check(r.credentials(), Access.READ);
            return Router.on(r, "GET", metrics);
        }
        // the page and its assets are open: they hold no data, which the page reads from the API with a token
        return assets.find(path).map(asset -> Router.on(r, "GET", () -> asset)).orElse(null);
    }
}
