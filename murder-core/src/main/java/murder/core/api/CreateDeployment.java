package murder.core.api;

/** Body of {@code POST /api/v1/deployments}. */
public record CreateDeployment(String release, String tag) {
}
