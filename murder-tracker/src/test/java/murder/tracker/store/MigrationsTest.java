package murder.tracker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import murder.core.MurderException;
import murder.core.api.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    /** The schema exactly as trackers before schema versions created it (user_version stays 0). */
    private static final String[] OLD_SCHEMA = {
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

    @TempDir
    Path dataDir;

    @Test
    void aFileOfTheOldSchemaIsMigratedKeepingItsRowsAndGivingOldDeploymentsTheDefaultDeadline() throws Exception {
        Instant created = Instant.parse("2026-11-01T10:00:00.123456Z");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String ddl : OLD_SCHEMA) {
                st.execute(ddl);
            }
            st.execute("INSERT INTO deployments (release, tag, created_at, targets) VALUES ('r1', 'web', '"
                    + created + "', '[\"h1\"]')");
            assertThat(version(c)).isZero();
        }

        try (TrackerStore store = TrackerStore.open(dataDir)) {
            Deployment old = store.deployments().find(1).orElseThrow();
            assertThat(old.targets()).containsExactly("h1");
            assertThat(old.deadline()).isEqualTo(created.plus(Duration.ofMinutes(30)).minusNanos(456_000));
            // the old deployment is long past its deadline: the sweeper sees it
            assertThat(store.deployments().due(Instant.parse("2026-11-02T00:00:00Z"), 10)).containsExactly(old);
        }
        try (Connection c = connect()) {
            assertThat(version(c)).isEqualTo(Migrations.STEPS.size()).isEqualTo(4);
            assertThat(columns(c, "deployments")).containsExactly("id", "release", "tag", "created_at", "targets",
                    "deadline", "swept", "signature", "cancelled_at");
        }
        // opening again applies nothing twice
        try (TrackerStore store = TrackerStore.open(dataDir)) {
            assertThat(store.deployments().find(1)).isPresent();
        }
    }

    @Test
    void aFreshFileGetsTheWholeSchema() throws Exception {
        try (TrackerStore store = TrackerStore.open(dataDir)) {
            Instant now = Instant.parse("2026-11-01T10:00:00Z");
            Deployment d = store.deployments().insert("r1", "web", now, List.of("h1"), null, now.plusSeconds(5));
            assertThat(store.deployments().find(d.id())).contains(d);
            assertThat(store.deployments().due(now.plusSeconds(4), 10)).isEmpty();
            assertThat(store.deployments().due(now.plusSeconds(5), 10)).containsExactly(d);
            store.deployments().markSwept(d.id());
            assertThat(store.deployments().due(now.plusSeconds(60), 10)).isEmpty();
            // a cancel is kept to the millisecond, once
            assertThat(store.deployments().markCancelled(d.id(), now.plusSeconds(1))).isTrue();
            assertThat(store.deployments().markCancelled(d.id(), now.plusSeconds(2))).isFalse();
            assertThat(store.deployments().find(d.id()).orElseThrow().cancelledAt()).isEqualTo(now.plusSeconds(1));
        }
        try (Connection c = connect()) {
            assertThat(version(c)).isEqualTo(4);
            assertThat(columns(c, "deployments")).contains("deadline", "swept", "signature", "cancelled_at");
        }
    }

    @Test
    void aFileOfANewerTrackerIsRefused() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> TrackerStore.open(dataDir)).isInstanceOf(MurderException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer murder");
    }

    private Connection connect() throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(TrackerStore.FILE_NAME));
    }

    private static int version(Connection c) throws SQLException {
        return Migrations.version(c);
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                out.add(rs.getString("name"));
            }
        }
        return out;
    }
}
