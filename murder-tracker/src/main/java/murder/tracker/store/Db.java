package murder.tracker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import murder.core.MurderException;

/**
 * One SQLite connection, used by one thread at a time. SQLite serializes writers anyway, and a single
 * connection keeps the store simple: every access goes through {@link #call}.
 */
final class Db implements AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS releases (id TEXT PRIMARY KEY, manifest TEXT NOT NULL, torrent BLOB NOT NULL,"
                + " info_hash TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS deployments (id INTEGER PRIMARY KEY AUTOINCREMENT, release TEXT NOT NULL,"
                + " tag TEXT NOT NULL, created_at TEXT NOT NULL, targets TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS deployments_by_tag ON deployments (tag, id)",
        "CREATE TABLE IF NOT EXISTS agents (host TEXT PRIMARY KEY, tags TEXT NOT NULL, bt_port INTEGER NOT NULL,"
                + " active_release TEXT, last_seen TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS host_states (deployment_id INTEGER NOT NULL, host TEXT NOT NULL,"
                + " state TEXT NOT NULL, progress INTEGER NOT NULL, reason TEXT, updated_at TEXT NOT NULL,"
                + " PRIMARY KEY (deployment_id, host))",
    };

    private final Path file;
    private final Connection connection;
    private boolean closed;

    private Db(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Db open(Path file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = connection.createStatement()) {
                // WAL + NORMAL: commits survive a process crash, and heartbeats do not fsync every time
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
                addMissingColumns(connection);
            }
            return new Db(file, connection);
        } catch (SQLException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot open the tracker store " + file
                    + ": " + e.getMessage() + " (check that the data dir is writable and not used by another tracker)", e);
        }
    }

    /**
     * Columns added after the first release: a fresh file gets them here too, and a tracker.db from before gets them
     * on its first open (SQLite adds a nullable column without rewriting the table).
     */
    private static void addMissingColumns(Connection connection) throws SQLException {
        addColumnIfMissing(connection, "deployments", "signature", "TEXT");
    }

    private static void addColumnIfMissing(Connection connection, String table, String column, String type)
            throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet columns = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                if (columns.getString("name").equals(column)) {
                    return;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
        }
    }

    synchronized <T> T call(Work<T> work) {
        if (closed) {
            throw new MurderException(MurderException.Kind.UNAVAILABLE, "the tracker store is closed (shutting down)");
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new MurderException(MurderException.Kind.FAILED, "tracker store " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction, so check-then-write sequences cannot interleave with others. */
    synchronized <T> T transaction(Work<T> work) {
        return call(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot close the tracker store " + file, e);
        }
    }
}
