package murder.tracker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;

/** The latest state of each host in each deployment: one row per (deployment, host), the newest report wins. */
public final class HostStateStore {

    public record Row(long deploymentId, String host, HostPhase state, int progress, String reason, Instant updatedAt) {
    }

    private static final String COLUMNS = "deployment_id, host, state, progress, reason, updated_at";

    private final Db db;

    HostStateStore(Db db) {
        this.db = db;
    }

    /** Replaces the host's state in the deployment; returns the state it replaced, if any. */
    public Optional<Row> put(Row row) {
        return db.transaction(c -> {
            Optional<Row> previous = find(row.deploymentId(), row.host());
            upsert(c, row);
            return previous;
        });
    }

    /**
     * Marks the host FAILED with {@code reason(state, progress)} unless it is already ACTIVE, FAILED or REJECTED; a
     * host that never reported counts as PENDING at 0%. Atomic against reports arriving at the same time.
     *
     * @return the FAILED row written, or empty when the host had settled
     */
    public Optional<Row> failIfUnsettled(long deploymentId, String host, BiFunction<HostPhase, Integer, String> reason,
                                         Instant at) {
        return db.transaction(c -> {
            Optional<Row> current = find(deploymentId, host);
            if (current.isPresent() && current.get().state().isTerminal()) {
                return Optional.empty();
            }
            HostPhase state = current.map(Row::state).orElse(HostPhase.PENDING);
            int progress = current.map(Row::progress).orElse(0);
            Row failed = new Row(deploymentId, host, HostPhase.FAILED, progress, reason.apply(state, progress), at);
            upsert(c, failed);
            return Optional.of(failed);
        });
    }

    /**
     * {@link #failIfUnsettled} for every target of the deployment and every other host that reported for it (a
     * non-target that reported is shown too): what a deadline or a cancel does.
     *
     * @return the FAILED rows written
     */
    public List<Row> failAllUnsettled(Deployment deployment, BiFunction<HostPhase, Integer, String> reason,
                                      Instant at) {
        Set<String> hosts = new LinkedHashSet<>(deployment.targets());
        forDeployment(deployment.id()).forEach(r -> hosts.add(r.host()));
        List<Row> failed = new ArrayList<>();
        for (String host : hosts) {
            failIfUnsettled(deployment.id(), host, reason, at).ifPresent(failed::add);
        }
        return failed;
    }

    public Optional<Row> find(long deploymentId, String host) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM host_states WHERE deployment_id = ? AND host = ?")) {
                ps.setLong(1, deploymentId);
                ps.setString(2, host);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every host that reported for the deployment, by host name. */
    public List<Row> forDeployment(long deploymentId) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM host_states WHERE deployment_id = ? ORDER BY host")) {
                ps.setLong(1, deploymentId);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static void upsert(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_states (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (deployment_id, host) DO UPDATE SET"
                + " state = excluded.state, progress = excluded.progress, reason = excluded.reason,"
                + " updated_at = excluded.updated_at")) {
            ps.setLong(1, row.deploymentId());
            ps.setString(2, row.host());
            ps.setString(3, row.state().name());
            ps.setInt(4, row.progress());
            ps.setString(5, row.reason());
            ps.setString(6, Times.write(row.updatedAt()));
            ps.executeUpdate();
        }
    }

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), HostPhase.valueOf(rs.getString(3)), rs.getInt(4),
                rs.getString(5), Times.read(rs.getString(6)));
    }
}
