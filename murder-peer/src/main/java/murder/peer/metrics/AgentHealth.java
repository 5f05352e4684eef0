package murder.peer.metrics;

/**
 * The body of the agent's {@code GET /health}: it answers, so it runs; the rest says what it runs and whether the
 * tracker answers it.
 *
 * @param activeRelease the release {@code current} points to, or null
 * @param trackerReachable false while the last call to the tracker failed to reach it
 */
public record AgentHealth(String status, String host, String activeRelease, boolean trackerReachable) {
}
