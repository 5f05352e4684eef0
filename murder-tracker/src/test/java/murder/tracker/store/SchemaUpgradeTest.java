package murder.tracker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import murder.core.trust.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tracker.db written before deployments carried signatures opens, keeps its rows and takes signed ones. */
class SchemaUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void addsTheSignatureColumnToAnOldDatabase() throws Exception {
        Files.createDirectories(dataDir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(TrackerStore.FILE_NAME));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE deployments (id INTEGER PRIMARY KEY AUTOINCREMENT, release TEXT NOT NULL,"
                    + " tag TEXT NOT NULL, created_at TEXT NOT NULL, targets TEXT NOT NULL)");
            st.execute("INSERT INTO deployments (release, tag, created_at, targets)"
                    + " VALUES ('r0', 'web', '2024-01-01T00:00:00Z', '[\"h1\"]')");
        }
        Envelope envelope = new Envelope("application/vnd.murder.deploy+json", "e30=",
                List.of(new Envelope.Signature("k", "c2ln")));

        try (TrackerStore store = TrackerStore.open(dataDir)) {
            assertThat(store.deployments().find(1)).hasValueSatisfying(d -> {
                assertThat(d.release()).isEqualTo("r0");
                assertThat(d.signature()).isNull();
            });
            store.deployments().insert("r1", "web", Instant.parse("2024-01-02T00:00:00Z"), List.of("h1"), envelope, null);
        }
        try (TrackerStore reopened = TrackerStore.open(dataDir)) { // a second open finds the column and adds nothing
            assertThat(reopened.deployments().find(2)).hasValueSatisfying(d ->
                    assertThat(d.signature()).isEqualTo(envelope));
        }
    }
}
