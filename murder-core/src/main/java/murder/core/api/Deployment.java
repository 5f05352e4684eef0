package murder.core.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import murder.core.trust.Envelope;

/**
 * A request that every agent with {@code tag} run {@code release}; {@code targets} are the live agents at creation,
 * {@code signature} the release host's signed statement (null if unsigned). After {@code deadline} (absent on records
 * of older trackers) no target is left running: the tracker marks the ones that have not settled FAILED. A deployment
 * with {@code cancelledAt} was stopped by a deployer: agents start no more of it and abandon it where they can.
 */
public record Deployment(long id, String release, String tag, Instant createdAt, List<String> targets,
                         Envelope signature, Instant deadline, Instant cancelledAt) {

    public Deployment(long id, String release, String tag, Instant createdAt, List<String> targets,
                      Envelope signature, Instant deadline) {
        this(id, release, tag, createdAt, targets, signature, deadline, null);
    }

    @JsonIgnore
    public boolean cancelled() {
        return cancelledAt != null;
    }

    public Deployment withCancelledAt(Instant at) {
        return new Deployment(id, release, tag, createdAt, targets, signature, deadline, at);
    }

    public Deployment(long id, String release, String tag, Instant createdAt, List<String> targets) {
        this(id, release, tag, createdAt, targets, null, null);
    }

    public Deployment(long id, String release, String tag, Instant createdAt, List<String> targets,
                      Envelope signature) {
        this(id, release, tag, createdAt, targets, signature, null);
    }
}
