package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The systemd units in deploy-scripts/: their sandbox as `systemd-analyze security` scores it, their syntax as
 * `systemd-analyze verify` reads it, and (where this host can boot a container) both units running for real.
 */
class SystemdUnitsE2ETest {

    /** The exposure both units reach (1.3 with systemd 252); "OK" in systemd's words is up to 4.9. */
    private static final double MAX_EXPOSURE = 2.0;
    private static final Pattern OVERALL = Pattern.compile("Overall exposure level for (\\S+): (\\d+\\.\\d+) (\\S+)");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"murder-agent.service", "murder-tracker.service"})
    void theSandboxScoresOk(String unit) throws Exception {
        requireSystemdAnalyze();
        Path file = Commands.CHECKOUT.resolve("deploy-scripts").resolve(unit);

        String out = Commands.ok("systemd-analyze", "security", "--offline=yes", file.toString());

        Matcher overall = OVERALL.matcher(out);
        assertThat(overall.find()).as(out).isTrue();
        assertThat(overall.group(1)).isEqualTo(unit);
        assertThat(Double.parseDouble(overall.group(2))).as(out).isLessThanOrEqualTo(MAX_EXPOSURE);
        assertThat(overall.group(3)).isEqualTo("OK");
        // the settings that keep the agent working are there, not traded for a lower score
        String text = Files.readString(file);
        assertThat(text).contains("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes",
                "ProtectHome=yes", "CapabilityBoundingSet=\n", "User=murder", "Restart=always")
                .doesNotContain("MemoryDenyWriteExecute=yes", "PrivateNetwork=yes");
    }

    @Test
    void verifyFindsNothingToSayAboutTheInstalledUnits() throws Exception {
        requireSystemdAnalyze();
        // staged as a package would install them, then the prefix moved where the units say it is, so that
        // verify finds the ExecStart binary
        Path dest = tmp.resolve("dest");
        Path prefix = tmp.resolve("prefix");
        Commands.Result staged = Commands.install(Map.of("DESTDIR", dest.toString(), "PREFIX", prefix.toString()));
        assertThat(staged.exitCode()).as(staged.output()).isZero();
        Files.move(dest.resolve(dest.getRoot().relativize(prefix)), prefix);
        Path units = dest.resolve("etc/systemd/system");

        Commands.Result verify = Commands.run(Map.of(), Duration.ofMinutes(1), "systemd-analyze", "verify",
                units.resolve("murder-agent.service").toString(), units.resolve("murder-tracker.service").toString());

        // verify exits 0 even on unknown keys or bad values: any word about our units is a finding
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(Commands.lines(verify.output())).filteredOn(line -> line.contains("murder"))
                .as(verify.output()).isEmpty();
    }

    /** scripts/systemd-smoke.sh: install (and upgrade) in a container, start both units, deploy through them. */
    @ParameterizedTest
    @ValueSource(strings = {"install.sh", "dpkg"})
    void bothUnitsRunADeployUnderARealSystemd(String installer) throws Exception {
        assumeTrue(Commands.isRoot(), "skipped: booting a container for the units needs root");
        Path deb = Path.of(System.getProperty("murder.deb", "target/murder.deb"));
        assumeTrue(installer.equals("install.sh") || Files.exists(deb), "skipped: " + deb + " is not built");
        String script = Commands.CHECKOUT.resolve("scripts/systemd-smoke.sh").toString();
        Commands.Result smoke = installer.equals("dpkg")
                ? Commands.run(Map.of(), Duration.ofMinutes(8), "sh", script, "--deb", deb.toString())
                : Commands.run(Map.of(), Duration.ofMinutes(8), "sh", script, Commands.JAR.toString());
        if (smoke.exitCode() == 77) {
            abort(smoke.output().lines().filter(line -> line.contains("SKIPPED")).findFirst()
                    .orElse("skipped by scripts/systemd-smoke.sh"));
        }
        assertThat(smoke.exitCode()).as(smoke.output()).isZero();
        assertThat(smoke.output()).contains("OK: release smoke-1 ACTIVE under the hardened units, installed and "
                + "upgraded with " + installer);
        for (String unit : List.of("murder-tracker", "murder-agent")) {
            assertThat(smoke.output()).contains(unit
                    + ": ActiveState=active NoNewPrivileges=yes ProtectSystem=strict User=murder");
        }
    }

    private static void requireSystemdAnalyze() {
        assumeTrue(Commands.onPath("systemd-analyze"),
                "skipped: systemd-analyze is missing (apt-get install systemd; 252 or newer for --offline)");
    }
}
