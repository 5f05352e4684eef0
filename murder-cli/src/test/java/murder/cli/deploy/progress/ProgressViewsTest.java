package murder.cli.deploy.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import org.junit.jupiter.api.Test;

/** What an operator reads on stderr, for a fleet of 500 hosts. */
class ProgressViewsTest {

    static final long MB = 1_000_000;
    static final List<String> TARGETS = new ArrayList<>();

    static {
        for (int i = 0; i < 500; i++) {
            TARGETS.add("web" + i);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    /** {@code active} hosts ACTIVE, {@code failed} FAILED, the rest DOWNLOADING at {@code percent} (none reported: PENDING). */
    static DeploymentStatus status(int active, int failed, int downloading, int percent) {
        List<HostState> hosts = new ArrayList<>();
        for (int i = 0; i < active + failed + downloading; i++) {
            HostPhase phase = i < active ? HostPhase.ACTIVE : i < active + failed ? HostPhase.FAILED
                    : HostPhase.DOWNLOADING;
            hosts.add(new HostState(TARGETS.get(i), phase, phase == HostPhase.ACTIVE ? 100 : percent,
                    phase == HostPhase.FAILED ? "disk full" : null, Instant.EPOCH, true));
        }
        return new DeploymentStatus(new Deployment(7, "r1", "web", Instant.EPOCH, TARGETS), hosts);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalOneTimestampedLineEveryFiveSecondsWithRateAndEtaAndEachFailureOnce() {
        PeriodicSummary view = new PeriodicSummary(out, 10 * MB, clock, nanos::get);

        view.status(status(0, 0, 0, 0));
        for (int i = 0; i < 20; i++) { // polls every 250 ms: no line of their own
            nanos.addAndGet(Duration.ofMillis(240).toNanos());
            view.status(status(0, 0, 500, 10));
        }
        nanos.addAndGet(Duration.ofMillis(300).toNanos()); // 5.1 s after the first line
        view.status(status(100, 2, 398, 50));
        view.status(status(100, 2, 398, 50)); // 0.25 s later: no line
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        view.status(status(100, 2, 398, 60));
        view.close();

        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("2026-12-01T10:00:00Z deployment 7: 0/500 ACTIVE (500 PENDING); 0.0 of "
                + "5000.0 MB (0%), 0.0 MB/s");
        assertThat(lines.get(1)).isEqualTo("  web100                   FAILED: disk full");
        assertThat(lines.get(2)).startsWith("  web101 ");
        // 100 whole hosts and 400 halves (the failed ones stopped there): 3000 MB in 5.1 s, 2000 MB to go
        assertThat(lines.get(3)).isEqualTo("2026-12-01T10:00:00Z deployment 7: 100/500 ACTIVE (398 DOWNLOADING, "
                + "100 ACTIVE, 2 FAILED); 3000.0 of 5000.0 MB (60%), 588.2 MB/s ETA 3s");
        assertThat(lines.get(4)).as("the last state, on close").contains("100/500 ACTIVE").contains("3400.0 of 5000.0 MB (68%)");
        view.note("  swarm: 0 seed(s)");
        assertThat(printed().lines().reduce((a, b) -> b)).contains("2026-12-01T10:00:00Z swarm: 0 seed(s)");
    }

    @Test
    void onATerminalALiveBarWithBytesRateEtaAndHostsByState() throws Exception {
        LiveBar view = new LiveBar(out, 10 * MB, 120);

        view.status(status(0, 0, 500, 10));
        view.status(status(250, 1, 249, 60));
        view.note("  swarm: 3 seed(s), 20 downloading");
        view.close();

        String shown = printed();
        assertThat(shown).contains("deploy 7").contains("4000/5000MB").contains("250/500 ACTIVE, 1 FAILED")
                .contains("MB/s");
        assertThat(shown).as("the bar's frame and percentage").containsPattern("\\d+%\\s?\\[[=>\\s]*\\]");
        assertThat(shown).contains("\r\u001b[K  web250                   FAILED: disk full\n");
        assertThat(shown).contains("\r\u001b[K  swarm: 3 seed(s), 20 downloading\n");
    }

    @Test
    void hostLinesSayEachStateChangeOnce() {
        HostLines view = new HostLines(out);
        view.status(status(0, 0, 2, 10));
        view.status(status(0, 0, 2, 20)); // still below 25%: nothing new
        view.status(status(1, 0, 1, 30));
        assertThat(printed().lines()).containsExactly(
                "  web0                     DOWNLOADING 0%", "  web1                     DOWNLOADING 0%",
                "  web0                     ACTIVE", "  web1                     DOWNLOADING 25%");
    }

    @Test
    void fleetProgressCountsUnreportedTargetsAsPending() {
        FleetProgress fleet = FleetProgress.of(status(3, 1, 2, 50), 2 * MB);
        assertThat(fleet.states()).isEqualTo("494 PENDING, 2 DOWNLOADING, 3 ACTIVE, 1 FAILED");
        assertThat(fleet.settled()).isEqualTo("3/500 ACTIVE, 1 FAILED");
        assertThat(fleet.doneBytes()).isEqualTo(3 * 2 * MB + 1 * MB + 2 * MB); // the FAILED one stopped at 50%
        assertThat(fleet.totalBytes()).isEqualTo(500 * 2 * MB);
    }
}
