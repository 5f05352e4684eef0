package murder.tracker.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import murder.core.MurderException;

/**
 * The store's schema as an ordered list of steps; {@code PRAGMA user_version} is the number of steps applied. Each
 * step runs once, in its own transaction with the version bump, so a crash never leaves half a step. Append new
 * steps at the end; never edit one that has shipped.
 */
final class Migrations {

    /** Step 1 is the schema of the first trackers (made with IF NOT EXISTS, so their files have user_version 0). */
    static final List<List<String>> STEPS = List.of(
        List.of(
            "CREATE TABLE IF NOT EXISTS releases (id TEXT PRIMARY KEY, manifest TEXT NOT NULL, torrent BLOB NOT NULL,"
                    + " info_hash TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS deployments (id INTEGER PRIMARY KEY AUTOINCREMENT, release TEXT NOT NULL,"
                    + " tag TEXT NOT NULL, created_at TEXT NOT NULL, targets TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS deployments_by_tag ON deployments (tag, id)",
            "CREATE TABLE IF NOT EXISTS agents (host TEXT PRIMARY KEY, tags TEXT NOT NULL, bt_port INTEGER NOT NULL,"
                    + " active_release TEXT, last_seen TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS host_states (deployment_id INTEGER NOT NULL, host TEXT NOT NULL,"
                    + " state TEXT NOT NULL, progress INTEGER NOT NULL, reason TEXT, updated_at TEXT NOT NULL,"
                    + " PRIMARY KEY (deployment_id, host))"),
        // step 2: deployment deadlines (epoch ms, so SQL compares them as numbers) and whether the sweeper has
        // settled the deployment; existing deployments get the default 30 min from their creation
        List.of(
            "ALTER TABLE deployments ADD COLUMN deadline INTEGER",
            "ALTER TABLE deployments ADD COLUMN swept INTEGER NOT NULL DEFAULT 0",
            "UPDATE deployments SET deadline = CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER)"
                    + " + 1800000 WHERE deadline IS NULL",
            "CREATE INDEX deployments_due ON deployments (deadline) WHERE swept = 0"),
        // step 3: the release host's signed deployment statement (DSSE JSON), null for unsigned deployments
        List.of("ALTER TABLE deployments ADD COLUMN signature TEXT"),
        // step 4: when a deployer cancelled the deployment (epoch ms), null while it was not cancelled
        List.of("ALTER TABLE deployments ADD COLUMN cancelled_at INTEGER"));

    private Migrations() {
    }

    /** Brings the database up to {@link #STEPS}; refuses a file made by a newer tracker. */
    static void apply(Connection c) throws SQLException {
        int version = version(c);
        if (version > STEPS.size()) {
            throw new MurderException(MurderException.Kind.FAILED, "the tracker store has schema version " + version
                    + " but this tracker knows only " + STEPS.size() + ": it was written by a newer murder; "
                    + "run that version or restore a backup");
        }
        for (int step = version; step < STEPS.size(); step++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : STEPS.get(step)) {
                    st.execute(sql);
                }
                st.execute("PRAGMA user_version = " + (step + 1));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
