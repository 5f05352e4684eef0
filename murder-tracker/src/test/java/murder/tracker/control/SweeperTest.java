package murder.tracker.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.tracker.MutableClock;
import murder.tracker.store.AgentStore;
import murder.tracker.store.HostStateStore;
import murder.tracker.store.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines, agent expiry and pruning on a real store, with a clock the test moves. */
class SweeperTest {

    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(T0);
    private TrackerStore store;
    private AgentService agents;
    private Sweeper sweeper;

    @BeforeEach
    void open() {
        store = TrackerStore.open(dataDir);
        agents = new AgentService(store.agents(), clock, Duration.ofSeconds(10));
        sweeper = new Sweeper(store.deployments(), store.hostStates(), agents, clock, Duration.ofHours(24), 2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void unsettledHostsFailAtTheDeadlineAndSettledOnesAreLeftAlone() {
        Deployment d = store.deployments().insert("r1", "web", T0, List.of("h1", "h2", "h3"), null,
                T0.plusSeconds(60));
        report(d, "h1", HostPhase.ACTIVE, 100);
        report(d, "h2", HostPhase.STAGED, 100);
        report(d, "h9", HostPhase.DOWNLOADING, 7); // not a target, but it reported

        clock.advance(Duration.ofSeconds(59));
        assertThat(sweeper.sweepDeadlines(clock.instant())).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sweeper.sweepDeadlines(clock.instant())).isEqualTo(3);

        assertThat(store.hostStates().forDeployment(d.id()))
                .extracting(HostStateStore.Row::host, HostStateStore.Row::state, HostStateStore.Row::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("h1", HostPhase.ACTIVE, null),
                        org.assertj.core.groups.Tuple.tuple("h2", HostPhase.FAILED, "timed out after 60 s in STAGED at 100%"),
                        org.assertj.core.groups.Tuple.tuple("h3", HostPhase.FAILED, "timed out after 60 s in PENDING at 0%"),
                        org.assertj.core.groups.Tuple.tuple("h9", HostPhase.FAILED, "timed out after 60 s in DOWNLOADING at 7%"));
        // swept once: the next pass has nothing to do
        assertThat(store.deployments().due(clock.instant(), 10)).isEmpty();
        assertThat(sweeper.sweepDeadlines(clock.instant())).isZero();
    }

    @Test
    void agentsNotSeenForTheExpiryAreDeregisteredAndComeBackWithTheirNextHeartbeat() {
        agents.heartbeat("old", new AgentHeartbeat(List.of("web"), 6881, null));
        clock.advance(Duration.ofHours(20));
        agents.heartbeat("young", new AgentHeartbeat(List.of("web"), 6882, null));

        clock.advance(Duration.ofHours(4).minusMillis(1));
        assertThat(sweeper.expireAgents(clock.instant())).isEmpty();
        clock.advance(Duration.ofMillis(2));
        assertThat(sweeper.expireAgents(clock.instant())).containsExactly("old");
        assertThat(store.agents().all()).extracting(AgentStore.Row::host).containsExactly("young");

        agents.heartbeat("old", new AgentHeartbeat(List.of("web"), 6881, null));
        assertThat(agents.liveHostsWithTag("web")).containsExactly("old");
    }

    @Test
    void onlyTheNewestDeploymentsPerTagAreKeptWithTheirHostStates() {
        List<Deployment> web = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Deployment d = store.deployments().insert("r" + i, "web", T0, List.of("h1"), null, T0);
            report(d, "h1", HostPhase.ACTIVE, 100);
            web.add(d);
        }
        Deployment db = store.deployments().insert("r0", "db", T0, List.of("h2"), null, T0);
        report(db, "h2", HostPhase.ACTIVE, 100);
        Deployment lastWeb = store.deployments().insert("r9", "web", T0, List.of("h1"), null, T0);

        assertThat(sweeper.pruneDeployments()).isEqualTo(4);

        assertThat(store.deployments().recent(100)).containsExactly(lastWeb, db, web.get(4));
        for (int i = 0; i < 4; i++) {
            assertThat(store.hostStates().forDeployment(web.get(i).id())).isEmpty();
        }
        assertThat(store.hostStates().forDeployment(web.get(4).id())).hasSize(1);
        assertThat(store.hostStates().forDeployment(db.id())).hasSize(1);
        assertThat(sweeper.pruneDeployments()).isZero();
    }

    @Test
    void housekeepingRunsOnTheFirstPassAndThenOncePerMinute() {
        store.agents().put(new AgentStore.Row("gone", List.of("web"), 1, null, T0.minus(Duration.ofDays(2))));
        sweeper.sweep();
        assertThat(store.agents().all()).isEmpty();

        store.agents().put(new AgentStore.Row("gone", List.of("web"), 1, null, T0.minus(Duration.ofDays(2))));
        clock.advance(Duration.ofSeconds(30));
        sweeper.sweep();
        assertThat(store.agents().all()).hasSize(1);
        clock.advance(Duration.ofSeconds(30));
        sweeper.sweep();
        assertThat(store.agents().all()).isEmpty();
    }

    @Test
    void aHeartbeatThatOnlyMovesLastSeenIsWrittenByTheFlushAndOthersAtOnce() {
        agents.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        clock.advance(Duration.ofSeconds(5));
        agents.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));

        assertThat(store.agents().find("h1")).hasValueSatisfying(r -> assertThat(r.lastSeen()).isEqualTo(T0));
        assertThat(agents.find("h1")).hasValueSatisfying(a -> assertThat(a.lastSeen()).isEqualTo(T0.plusSeconds(5)));
        sweeper.sweep();
        assertThat(store.agents().find("h1")).hasValueSatisfying(
                r -> assertThat(r.lastSeen()).isEqualTo(T0.plusSeconds(5)));
        assertThat(agents.flushLastSeen()).isZero();

        clock.advance(Duration.ofSeconds(2));
        agents.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, "r2"));
        assertThat(store.agents().find("h1")).contains(
                new AgentStore.Row("h1", List.of("web"), 6881, "r2", T0.plusSeconds(7)));
        // a new service on the same store (a restart) sees what was written
        assertThat(new AgentService(store.agents(), clock, Duration.ofSeconds(10)).list())
                .containsExactlyElementsOf(agents.list());
    }

    private void report(Deployment d, String host, HostPhase state, int progress) {
        store.hostStates().put(new HostStateStore.Row(d.id(), host, state, progress, null, clock.instant()));
    }
}
