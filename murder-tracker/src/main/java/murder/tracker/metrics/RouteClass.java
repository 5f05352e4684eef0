package murder.tracker.metrics;

import java.util.List;
import java.util.Locale;
import murder.core.api.ApiPaths;
import murder.tracker.http.ApiRequest;
import murder.tracker.http.SiteRoutes;
import murder.tracker.web.WebAssets;

/**
 * The kinds of request the latency histogram tells apart: a fixed set, never a path (hosts and ids in paths would
 * make one time series per agent or deployment).
 */
enum RouteClass {
    ANNOUNCE, SCRAPE, AGENT_HEARTBEAT, AGENT_LONG_POLL, AGENT_REPORT, AGENTS, RELEASE_REGISTER, RELEASES,
    RELEASE_TORRENT, DEPLOYMENT_CREATE, DEPLOYMENT_STATUS, DEPLOYMENT_WATCH, STATUS, HEALTH, METRICS, PAGE, UNREADABLE,
    OTHER;

    /** The label value, e.g. {@code agent_long_poll}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param r null for a request that could not be read */
    static RouteClass of(ApiRequest r) {
        if (r == null) {
            return UNREADABLE;
        }
        String path = r.path();
        if (path.equals(ApiPaths.ANNOUNCE)) {
            return ANNOUNCE;
        }
        if (path.equals(ApiPaths.SCRAPE)) {
            return SCRAPE;
        }
        if (path.equals(SiteRoutes.HEALTH) || path.equals(ApiPaths.HEALTH)) {
            return HEALTH;
        }
        if (path.equals(SiteRoutes.METRICS)) {
            return METRICS;
        }
        if (WebAssets.PATHS.contains(path)) {
            return PAGE;
        }
        if (!path.startsWith(ApiPaths.PREFIX + "/")) {
            return OTHER;
        }
        RouteClass api = api(r.method(), List.of(path.substring(ApiPaths.PREFIX.length() + 1).split("/", -1)));
        // the status long-poll's time is mostly its wait: kept apart, as the agents' long-poll is
        boolean held = r.param("waitMs").filter(v -> !v.equals("0")).isPresent() && r.param("known").isPresent();
        return api == DEPLOYMENT_STATUS && held ? DEPLOYMENT_WATCH : api;
    }

    private static RouteClass api(String method, List<String> seg) {
        boolean get = method.equals("GET");
        return switch (seg.get(0)) {
            case "status" -> seg.size() == 1 ? STATUS : OTHER;
            case "releases" -> seg.size() == 1 ? (get ? RELEASES : RELEASE_REGISTER)
                    : seg.size() == 3 && seg.get(2).equals("torrent") ? RELEASE_TORRENT : OTHER;
            case "deployments" -> seg.size() == 1 ? DEPLOYMENT_CREATE : seg.size() == 2 ? DEPLOYMENT_STATUS : OTHER;
            case "agents" -> switch (seg.size()) {
                case 1 -> AGENTS;
                case 2 -> AGENT_HEARTBEAT;
                case 3 -> seg.get(2).equals("desired") ? AGENT_LONG_POLL
                        : seg.get(2).equals("reports") ? AGENT_REPORT : OTHER;
                default -> OTHER;
            };
            default -> OTHER;
        };
    }
}
