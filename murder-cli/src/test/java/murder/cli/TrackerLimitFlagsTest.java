package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tracker's connection-limit flags refuse nonsense before anything listens. */
class TrackerLimitFlagsTest {

    @TempDir
    Path dataDir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void aPerSourceCapBelowOneIsBadInput() {
        int code = run("tracker", "--data-dir", dataDir.toString(), "--port", "0", "--max-connections-per-source", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--max-connections-per-source must be at least 1, got 0");
    }

    @Test
    void aZeroRequestDeadlineIsBadInput() {
        int code = run("tracker", "--data-dir", dataDir.toString(), "--port", "0", "--request-deadline", "0s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'0s' must be a positive duration");
    }

    @Test
    void housekeepingFlagsRefuseNonsense() {
        assertThat(run("tracker", "--data-dir", dataDir.toString(), "--port", "0", "--keep-deployments", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--keep-deployments must be at least 1, got 0");
        assertThat(run("tracker", "--data-dir", dataDir.toString(), "--port", "0", "--agent-expiry", "5s"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--agent-expiry must be longer than 10 s");
    }

    @Test
    void theFlagsAreDocumentedInTheHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.execute("tracker", "--help");
        // picocli wraps the help at the terminal's width: compare with the line breaks folded
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--max-connections-per-source=N")
                .contains("default: 256").contains("--request-deadline=DURATION").contains("default: 10s")
                .contains("--deployment-timeout=DURATION").contains("default: 30m")
                .contains("--agent-expiry=DURATION").contains("default: 24h")
                .contains("--keep-deployments=N").contains("default: 100");
    }
}
