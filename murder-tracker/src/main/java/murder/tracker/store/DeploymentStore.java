package murder.tracker.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import murder.core.api.Deployment;
import murder.core.json.Json;
import murder.core.trust.Envelope;

/** Deployments; ids come from SQLite's AUTOINCREMENT, so they only grow, also across restarts. */
public final class DeploymentStore {

    private static final String COLUMNS = "id, release, tag, created_at, targets, signature, deadline, cancelled_at";

    private final Db db;

    DeploymentStore(Db db) {
        this.db = db;
    }

    public Deployment insert(String release, String tag, Instant createdAt, List<String> targets) {
        return insert(release, tag, createdAt, targets, null, null);
    }

    /**
     * {@code signature} is stored as the JSON the release host sent, and handed to agents as is; a null
     * {@code deadline} is never swept, and it is kept to the millisecond.
     */
    public Deployment insert(String release, String tag, Instant createdAt, List<String> targets,
                             Envelope signature, Instant deadline) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deployments"
                    + " (release, tag, created_at, targets, signature, deadline) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, release);
                ps.setString(2, tag);
                ps.setString(3, Times.write(createdAt));
                ps.setString(4, JsonColumns.write(targets));
                ps.setString(5, signature == null ? null : new String(Json.write(signature), UTF_8));
                if (deadline == null) {
                    ps.setNull(6, Types.INTEGER);
                } else {
                    ps.setLong(6, deadline.toEpochMilli());
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Deployment(keys.getLong(1), release, tag, createdAt, List.copyOf(targets), signature,
                            deadline == null ? null : Instant.ofEpochMilli(deadline.toEpochMilli()));
                }
            }
        });
    }

    /** Up to {@code limit} deployments past their deadline that the sweeper has not settled yet, oldest first. */
    public List<Deployment> due(Instant now, int limit) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deployments"
                    + " WHERE swept = 0 AND deadline <= ? ORDER BY deadline LIMIT ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** The sweeper is done with the deployment: it is not {@link #due} any more. */
    public void markSwept(long id) {
        db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deployments SET swept = 1 WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Marks the deployment cancelled at {@code at} and settled for the sweeper, unless it was cancelled before.
     *
     * @return true if this call cancelled it
     */
    public boolean markCancelled(long id, Instant at) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deployments SET cancelled_at = ?, swept = 1"
                    + " WHERE id = ? AND cancelled_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Deletes up to {@code limit} deployments (and their host states) that are not among the {@code keepPerTag}
     * newest of their tag; the newest of a tag is always kept, since its agents are told to run it.
     *
     * @return how many deployments were deleted
     */
    public int prune(int keepPerTag, int limit) {
        int keep = Math.max(1, keepPerTag);
        return db.transaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM (SELECT id, ROW_NUMBER() OVER"
                    + " (PARTITION BY tag ORDER BY id DESC) AS newer FROM deployments) WHERE newer > ? LIMIT ?")) {
                ps.setInt(1, keep);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement states = c.prepareStatement("DELETE FROM host_states WHERE deployment_id = ?");
                 PreparedStatement deployment = c.prepareStatement("DELETE FROM deployments WHERE id = ?")) {
                for (long id : ids) {
                    states.setLong(1, id);
                    states.executeUpdate();
                    deployment.setLong(1, id);
                    deployment.executeUpdate();
                }
            }
            return ids.size();
        });
    }

    public Optional<Deployment> find(long id) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deployments WHERE id = ?")) {
                ps.setLong(1, id);
                return first(ps);
            }
        });
    }

    /** The deployment with the highest id among those for any of {@code tags}. */
    public Optional<Deployment> newestForTags(Collection<String> tags) {
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        String marks = String.join(", ", Collections.nCopies(tags.size(), "?"));
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deployments WHERE tag IN ("
                    + marks + ") ORDER BY id DESC LIMIT 1")) {
                int i = 1;
                for (String tag : tags) {
                    ps.setString(i++, tag);
                }
                return first(ps);
            }
        });
    }

    /** Newest first. */
    public List<Deployment> recent(int limit) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM deployments ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                return list(ps);
            }
        });
    }

    private static List<Deployment> list(PreparedStatement ps) throws SQLException {
        List<Deployment> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static Optional<Deployment> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Deployment read(ResultSet rs) throws SQLException {
        String signature = rs.getString(6);
        long deadlineMs = rs.getLong(7);
        Instant deadline = rs.wasNull() ? null : Instant.ofEpochMilli(deadlineMs);
        long cancelledMs = rs.getLong(8);
        Instant cancelled = rs.wasNull() ? null : Instant.ofEpochMilli(cancelledMs);
        return new Deployment(rs.getLong(1), rs.getString(2), rs.getString(3), Times.read(rs.getString(4)),
                JsonColumns.readList(rs.getString(5)),
                signature == null ? null : Json.read(signature.getBytes(UTF_8), Envelope.class), deadline, cancelled);
    }
}
