package murder.core.api;

import java.time.Instant;
import java.util.List;

/** A request that every agent with {@code tag} run {@code release}; {@code targets} are the live agents at creation. */
public record Deployment(long id, String release, String tag, Instant createdAt, List<String> targets) {
}
