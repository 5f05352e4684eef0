package murder.core.api;

/** Body of {@code POST /api/v1/agents/{host}/reports}: one state change of one host in one deployment. */
public record StateReport(long deploymentId, String release, HostPhase state, int progress, String reason) {
}
