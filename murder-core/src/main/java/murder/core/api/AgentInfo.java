package murder.core.api;

import java.time.Instant;
import java.util.List;

public record AgentInfo(String host, List<String> tags, int btPort, String activeRelease, Instant lastSeen,
                        boolean alive) {
}
