package murder.core.api;

/** Answer of {@code GET /api/v1/health}: cheap, for pings and load balancers. */
public record Health(String status, String version, long uptimeSeconds) {
}
