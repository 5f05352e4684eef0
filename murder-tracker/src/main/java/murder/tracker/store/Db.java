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
            try {
                try (Statement st = connection.createStatement()) {
                    // WAL + NORMAL: commits survive a process crash, and heartbeats do not fsync every time
                    st.execute("PRAGMA journal_mode=WAL");
                    st.execute("PRAGMA synchronous=NORMAL");
                    st.execute("PRAGMA busy_timeout=5000");
                }
                Migrations.apply(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
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

    /** A trivial query: proves the connection and the file answer, at the cost of no scan. */
    void ping() {
        call(c -> {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
                return rs.next();
            }
        });
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
