package murder.tracker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Agents as of their last heartbeat; {@code lastSeen} survives restarts, so liveness does too. */
public final class AgentStore {

    /** One agent as stored; whether it is alive is the caller's judgement of {@code lastSeen}. */
    public record Row(String host, List<String> tags, int btPort, String activeRelease, Instant lastSeen) {
    }

    private static final String COLUMNS = "host, tags, bt_port, active_release, last_seen";
    private static final String UPSERT = "INSERT INTO agents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (host) DO UPDATE SET tags = excluded.tags, bt_port = excluded.bt_port,"
            + " active_release = excluded.active_release, last_seen = excluded.last_seen";

    private final Db db;

    AgentStore(Db db) {
        this.db = db;
    }

    /** Stores the heartbeat and returns the agent as it was before, if it was known. */
    public Optional<Row> put(Row row) {
        return db.transaction(c -> {
            Optional<Row> previous = find(row.host());
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                bind(ps, row);
                ps.executeUpdate();
            }
            return previous;
        });
    }

    /** Deletes the agents whose last heartbeat is older than {@code cutoff}; returns their host names. */
    public List<String> deleteNotSeenSince(Instant cutoff) {
        return db.transaction(c -> {
            List<String> hosts = new ArrayList<>();
            // julianday() compares the ISO text as a time, whatever its count of fraction digits
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT host FROM agents WHERE julianday(last_seen) < julianday(?) ORDER BY host")) {
                ps.setString(1, Times.write(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hosts.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM agents WHERE host = ?")) {
                for (String host : hosts) {
                    ps.setString(1, host);
                    ps.executeUpdate();
                }
            }
            return hosts;
        });
    }

    /** Writes the rows as they are (insert or replace), in one transaction: the batched last-seen flush. */
    public void putAll(Collection<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Row row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Optional<Row> find(String host) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agents WHERE host = ?")) {
                ps.setString(1, host);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** All agents by host name. */
    public List<Row> all() {
        return db.call(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agents ORDER BY host");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    private static void bind(PreparedStatement ps, Row row) throws SQLException {
        ps.setString(1, row.host());
        ps.setString(2, JsonColumns.write(row.tags()));
        ps.setInt(3, row.btPort());
        ps.setString(4, row.activeRelease());
        ps.setString(5, Times.write(row.lastSeen()));
    }

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), JsonColumns.readList(rs.getString(2)), rs.getInt(3), rs.getString(4),
                Times.read(rs.getString(5)));
    }
}
