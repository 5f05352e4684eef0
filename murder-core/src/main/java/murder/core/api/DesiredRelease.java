package murder.core.api;

/** Answer of the agent long-poll: the newest deployment for one of the agent's tags. */
public record DesiredRelease(long deploymentId, ReleaseManifest release) {
}
