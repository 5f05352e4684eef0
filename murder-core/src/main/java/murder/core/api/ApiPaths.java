package murder.core.api;

/** The control API's paths, shared by the tracker's router and the client. */
public final class ApiPaths {
    public static final String PREFIX = "/api/v1";
    public static final String RELEASES = PREFIX + "/releases";
    public static final String DEPLOYMENTS = PREFIX + "/deployments";
    public static final String AGENTS = PREFIX + "/agents";
    public static final String STATUS = PREFIX + "/status";
    public static final String HEALTH = PREFIX + "/health";
    public static final String ANNOUNCE = "/announce";
    public static final String SCRAPE = "/scrape";

    private ApiPaths() {
    }

    public static String torrent(String releaseId) {
        return RELEASES + "/" + releaseId + "/torrent";
    }

    public static String deployment(long id) {
        return DEPLOYMENTS + "/" + id;
    }

    public static String cancel(long deploymentId) {
        return deployment(deploymentId) + "/cancel";
    }

    public static String agent(String host) {
        return AGENTS + "/" + host;
    }

    public static String desired(String host) {
        return agent(host) + "/desired";
    }

    public static String reports(String host) {
        return agent(host) + "/reports";
    }
}
