package murder.tracker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerStoreTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final ReleaseManifest MANIFEST = new ReleaseManifest("r1", "r1.tar.gz", 42, "a".repeat(64),
            "b".repeat(40), 262144, T0);

    @TempDir
    Path dataDir;

    @Test
    void everythingSurvivesCloseAndReopen() {
        Deployment deployment;
        try (TrackerStore store = TrackerStore.open(dataDir)) {
            assertThat(store.releases().insertIfAbsent(MANIFEST, new byte[] {1, 2, 3})).isEmpty();
            deployment = store.deployments().insert("r1", "web", T0, List.of("h1", "h2"));
            store.agents().put(new AgentStore.Row("h1", List.of("web", "db"), 6881, "r0", T0));
            store.hostStates().put(new HostStateStore.Row(deployment.id(), "h1", HostPhase.DOWNLOADING, 40, null, T0));
        }
        assertThat(dataDir.resolve(TrackerStore.FILE_NAME)).exists();

        try (TrackerStore store = TrackerStore.open(dataDir)) {
            assertThat(store.releases().all()).containsExactly(MANIFEST);
            assertThat(store.releases().torrent("r1")).hasValueSatisfying(t -> assertThat(t).containsExactly(1, 2, 3));
            assertThat(store.releases().infoHashes()).containsExactly("b".repeat(40));
            assertThat(store.deployments().find(deployment.id())).contains(deployment);
            assertThat(store.agents().all()).containsExactly(new AgentStore.Row("h1", List.of("web", "db"), 6881, "r0", T0));
            assertThat(store.hostStates().forDeployment(deployment.id()))
                    .containsExactly(new HostStateStore.Row(deployment.id(), "h1", HostPhase.DOWNLOADING, 40, null, T0));
            // ids keep growing after a restart
            assertThat(store.deployments().insert("r1", "web", T0, List.of("h1")).id()).isGreaterThan(deployment.id());
        }
    }

    @Test
    void latestStatePerHostAndDeploymentWins() {
        try (TrackerStore store = TrackerStore.open(dataDir)) {
            HostStateStore states = store.hostStates();
            var first = new HostStateStore.Row(1, "h1", HostPhase.DOWNLOADING, 10, null, T0);
            var second = new HostStateStore.Row(1, "h1", HostPhase.FAILED, 55, "disk full", T0.plusSeconds(3));
            var otherDeployment = new HostStateStore.Row(2, "h1", HostPhase.ACTIVE, 100, null, T0);

            assertThat(states.put(first)).isEmpty();
            assertThat(states.put(otherDeployment)).isEmpty();
            assertThat(states.put(second)).contains(first);

            assertThat(states.forDeployment(1)).containsExactly(second);
            assertThat(states.forDeployment(2)).containsExactly(otherDeployment);
        }
    }

    @Test
    void releasesAreInsertedOnceAndNewestDeploymentPerTagsIsFound() {
        try (TrackerStore store = TrackerStore.open(dataDir)) {
            store.releases().insertIfAbsent(MANIFEST, new byte[] {1});
            var other = new ReleaseManifest("r1", "x.tar.gz", 1, "c".repeat(64), "d".repeat(40), 1, T0);
            assertThat(store.releases().insertIfAbsent(other, new byte[] {2})).contains(MANIFEST);

            var web = store.deployments().insert("r1", "web", T0, List.of("h1"));
            var db = store.deployments().insert("r1", "db", T0, List.of("h2"));
            assertThat(store.deployments().newestForTags(List.of("web"))).contains(web);
            assertThat(store.deployments().newestForTags(List.of("web", "db"))).contains(db);
            assertThat(store.deployments().newestForTags(List.of("cache"))).isEmpty();
            assertThat(store.deployments().recent(1)).containsExactly(db);
        }
    }

    @Test
    void closeIsIdempotent() {
        TrackerStore store = TrackerStore.open(dataDir);
        store.close();
        store.close();
    }
}
