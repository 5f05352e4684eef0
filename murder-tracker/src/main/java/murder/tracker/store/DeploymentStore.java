package murder.tracker.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    private static final String COLUMNS = "id, release, tag, created_at, targets, signature";

    private final Db db;

    DeploymentStore(Db db) {
        this.db = db;
    }

    public Deployment insert(String release, String tag, Instant createdAt, List<String> targets) {
        return insert(release, tag, createdAt, targets, null);
    }

    /** {@code signature} is stored as the JSON the release host sent, and handed to agents as is. */
    public Deployment insert(String release, String tag, Instant createdAt, List<String> targets,
                             Envelope signature) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO deployments (release, tag, created_at, targets, signature) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, release);
                ps.setString(2, tag);
                ps.setString(3, Times.write(createdAt));
                ps.setString(4, JsonColumns.write(targets));
                ps.setString(5, signature == null ? null : new String(Json.write(signature), UTF_8));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Deployment(keys.getLong(1), release, tag, createdAt, List.copyOf(targets), signature);
                }
            }
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
                List<Deployment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Optional<Deployment> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Deployment read(ResultSet rs) throws SQLException {
        String signature = rs.getString(6);
        return new Deployment(rs.getLong(1), rs.getString(2), rs.getString(3), Times.read(rs.getString(4)),
                JsonColumns.readList(rs.getString(5)),
                signature == null ? null : Json.read(signature.getBytes(UTF_8), Envelope.class));
    }
}
