package murder.tracker.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import murder.core.api.AgentHeartbeat;
import murder.core.api.AgentInfo;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.tracker.MutableClock;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerWiring;
import murder.tracker.http.Router;
import murder.tracker.store.AgentStore;
import murder.tracker.store.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state report keeps an agent alive as a heartbeat does (agents skip a heartbeat after a report). */
class ReportLivenessTest {

    private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(T0);
    private TrackerStore store;
    private Router.Services services;

    @BeforeEach
    void open() {
        store = TrackerStore.open(dataDir);
        services = TrackerWiring.services(store, TrackerConfig.defaults(dataDir), clock); // agents alive for 10 s
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReportMovesTheLastSeenTimeOfAKnownAgentAndIsStoredWithTheNextBatch() {
        services.agents().heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, "r0"));
        Deployment d = store.deployments().insert("r1", "web", T0, List.of("h1"), null, T0.plusSeconds(600));

        clock.advance(Duration.ofSeconds(8));
        services.reports().report("h1", new StateReport(d.id(), "r1", HostPhase.DOWNLOADING, 40, null));
        clock.advance(Duration.ofSeconds(8)); // 16 s after the heartbeat, 8 s after the report
        assertThat(services.agents().require("h1")).extracting(AgentInfo::alive, AgentInfo::lastSeen,
                AgentInfo::activeRelease).containsExactly(true, T0.plusSeconds(8), "r0");

        assertThat(services.agents().flushLastSeen()).isEqualTo(1);
        assertThat(store.agents().all()).extracting(AgentStore.Row::host, AgentStore.Row::lastSeen)
                .containsExactly(tuple("h1", T0.plusSeconds(8)));

        clock.advance(Duration.ofSeconds(2)); // 10 s after the report, nothing since
        assertThat(services.agents().require("h1").alive()).isFalse();
    }

    @Test
    void aReportFromAnAgentThatHadGoneQuietLogsItsReturn() {
        Logger serviceLog = (Logger) org.slf4j.LoggerFactory.getLogger(AgentService.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        serviceLog.addAppender(logged);
        serviceLog.setLevel(Level.INFO); // whatever other tests left on "murder"
        try {
            services.agents().heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, "r0"));
            Deployment d = store.deployments().insert("r1", "web", T0, List.of("h1"), null, T0.plusSeconds(600));

            clock.advance(Duration.ofSeconds(4)); // still alive: no line
            services.reports().report("h1", new StateReport(d.id(), "r1", HostPhase.DOWNLOADING, 10, null));
            clock.advance(Duration.ofSeconds(15)); // quiet for longer than the 10 s agent timeout
            assertThat(services.agents().require("h1").alive()).isFalse();
            services.reports().report("h1", new StateReport(d.id(), "r1", HostPhase.DOWNLOADING, 50, null));
            services.agents().heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, "r0")); // alive by now

            assertThat(services.agents().require("h1").alive()).isTrue();
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.contains("is back"))
                    .containsExactly("agent h1 is back (a state report; tags [web], last seen " + T0.plusSeconds(4) + ")");
        } finally {
            serviceLog.detachAppender(logged);
            serviceLog.setLevel(null);
        }
    }

    @Test
    void aReportDoesNotRegisterAnAgentThatNeverHeartbeat() {
        Deployment d = store.deployments().insert("r1", "web", T0, List.of("h9"), null, T0.plusSeconds(600));

        services.reports().report("h9", new StateReport(d.id(), "r1", HostPhase.DOWNLOADING, 5, null));

        assertThat(services.agents().find("h9")).isEmpty();
        assertThat(services.agents().flushLastSeen()).isZero();
        assertThat(store.hostStates().forDeployment(d.id())).hasSize(1); // the report itself is kept
    }
}
