package murder.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A request that every agent with {@code tag} run {@code release}; {@code targets} are the live agents at creation.
 * After {@code deadline} (absent on records of older trackers) no target is left running: the tracker marks the
 * ones that have not settled FAILED.
 */
public record Deployment(long id, String release, String tag, Instant createdAt, List<String> targets,
                         Instant deadline) {

    public Deployment(long id, String release, String tag, Instant createdAt, List<String> targets) {
        this(id, release, tag, createdAt, targets, null);
    }
}
