package murder.core.api;

import java.util.List;

/** Body of {@code PUT /api/v1/agents/{host}}: registers the agent or refreshes it. */
public record AgentHeartbeat(List<String> tags, int btPort, String activeRelease) {
}
