package murder.core.api;

import java.time.Instant;

/** The latest state one host reported for one deployment, plus whether the host still heartbeats. */
public record HostState(String host, HostPhase state, int progress, String reason, Instant updatedAt,
                        boolean alive) {
}
