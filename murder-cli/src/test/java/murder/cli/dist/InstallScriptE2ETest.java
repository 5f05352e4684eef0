package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy-scripts/install.sh for real, into a temporary DESTDIR: what it installs, where, and how it upgrades. */
class InstallScriptE2ETest {

    private static final List<String> DOCS = List.of("ARCHITECTURE.md", "AUTH.md", "BT.md", "CONFIG.md", "ENGINE.md",
            "MONITORING.md", "OPERATIONS.md", "SECURITY.md", "SIGNING.md", "TARBALLS.md", "README.md", "LICENSE");

    @TempDir
    Path tmp;

    @Test
    void installsTheJarWrapperUnitsSettingsAndDocsWithTheirModes() throws Exception {
        Path root = tmp.resolve("root");
        Commands.Result result = Commands.install(Map.of("DESTDIR", root.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();

        Map<String, String> expected = new HashMap<>(Map.of(
                "usr/local/lib/murder/murder.jar", "rw-r--r--",
                "usr/local/bin/murder", "rwxr-xr-x",
                "usr/local/lib/murder/make-class-archive", "rwxr-xr-x",
                "etc/systemd/system/murder-agent.service", "rw-r--r--",
                "etc/systemd/system/murder-tracker.service", "rw-r--r--",
                "etc/default/murder-agent", "rw-r--r--",
                "etc/default/murder-tracker", "rw-r--r--"));
        DOCS.forEach(doc -> expected.put("usr/local/share/doc/murder/" + doc, "rw-r--r--"));
        assertThat(Trees.filesAndModes(root)).isEqualTo(expected);
        assertThat(root.resolve("usr/local/lib/murder/murder.jar")).hasSameBinaryContentAs(Commands.JAR);
        assertThat(root.resolve("etc/default/murder-agent"))
                .hasSameTextualContentAs(Commands.CHECKOUT.resolve("deploy-scripts/murder-agent.env"));
        assertThat(Trees.mode(root.resolve("usr/local/lib/murder"))).isEqualTo("rwxr-xr-x");
        // staging only: nothing enabled
        assertThat(root.resolve("etc/systemd/system/multi-user.target.wants")).doesNotExist();
    }

    @Test
    void prefixAndUnitDirAreWrittenIntoTheWrapperAndUnits() throws Exception {
        Path root = tmp.resolve("root");
        Commands.Result result = Commands.install(Map.of("DESTDIR", root.toString(), "PREFIX", "/opt/murder",
                "UNITDIR", "/lib/systemd/system"));
        assertThat(result.exitCode()).as(result.output()).isZero();

        assertThat(root.resolve("opt/murder/lib/murder/murder.jar")).exists();
        String wrapper = Files.readString(root.resolve("opt/murder/bin/murder"));
        assertThat(wrapper).contains("-jar /opt/murder/lib/murder/murder.jar").doesNotContain("/usr/local");
        for (String unit : List.of("murder-agent.service", "murder-tracker.service")) {
            String text = Files.readString(root.resolve("lib/systemd/system/" + unit));
            assertThat(text).contains("ExecStart=/opt/murder/bin/murder ").doesNotContain("/usr/local");
        }
        assertThat(root.resolve("opt/murder/share/doc/murder/OPERATIONS.md")).exists();
        assertThat(root.resolve("etc/systemd/system")).doesNotExist();
    }

    @Test
    void anUpgradeReplacesJarAndWrapperByRenameAndKeepsTheOperatorsSettings() throws Exception {
        Path root = tmp.resolve("root");
        Path calls = tmp.resolve("systemctl-calls");
        Map<String, String> env = Map.of("DESTDIR", root.toString(), "PATH", fakeSystemTools(calls) + ":"
                + System.getenv("PATH"));
        assertThat(Commands.install(env).exitCode()).isZero();

        // the operator edits the agent's settings; an older version's jar and wrapper are in place
        Path settings = root.resolve("etc/default/murder-agent");
        Files.writeString(settings, "MURDER_TAGS=web,edited-by-operator\n", StandardOpenOption.APPEND);
        String edited = Files.readString(settings);
        Path jar = root.resolve("usr/local/lib/murder/murder.jar");
        Path wrapper = root.resolve("usr/local/bin/murder");
        Files.writeString(jar, "the old jar");
        Files.writeString(wrapper, "#!/bin/sh\necho the old wrapper\n");
        Object oldJarInode = Files.getAttribute(jar, "unix:ino");

        Commands.Result upgrade = Commands.install(env);

        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(jar).hasSameBinaryContentAs(Commands.JAR);
        // a new file renamed over the old one: a running JVM keeps reading the old jar until it restarts
        assertThat(Files.getAttribute(jar, "unix:ino")).isNotEqualTo(oldJarInode);
        assertThat(Files.readString(wrapper)).contains("-jar /usr/local/lib/murder/murder.jar");
        assertThat(Trees.mode(wrapper)).isEqualTo("rwxr-xr-x");
        assertThat(Files.readString(settings)).isEqualTo(edited);
        assertThat(upgrade.output()).contains("kept " + settings);
        assertThat(calls).as("install.sh called systemctl or useradd while staging").doesNotExist();
        try (var files = Files.list(root.resolve("usr/local/lib/murder"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("murder.jar", "make-class-archive");
        }
    }

    @Test
    void theInstalledWrapperRunsTheInstalledJar() throws Exception {
        assumeTrue(Commands.isRoot() && Commands.onPath("unshare"),
                "needs root and unshare(1) to mount the staged /usr/local over /usr/local in a private namespace");
        Path root = tmp.resolve("root");
        assertThat(Commands.install(Map.of("DESTDIR", root.toString())).exitCode()).isZero();

        // only inside a mount namespace of its own: the host's /usr/local is untouched
        Commands.Result version = Commands.run(Map.of(), Duration.ofMinutes(1), "unshare", "--mount", "sh", "-c",
                "mount --bind \"$0\"/usr/local /usr/local && exec /usr/local/bin/murder --version", root.toString());

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("murder ");
    }

    @Test
    void badSettingsAreRefusedWithWhatToDo() throws Exception {
        Path root = tmp.resolve("root");
        Commands.Result relative = Commands.install(Map.of("DESTDIR", root.toString(), "PREFIX", "usr/local"));
        assertThat(relative.exitCode()).isEqualTo(1);
        assertThat(relative.output()).contains("PREFIX must be an absolute path, not 'usr/local'");

        Commands.Result noJar = Commands.install(Map.of("DESTDIR", root.toString(), "MURDER_JAR",
                tmp.resolve("missing.jar").toString()));
        assertThat(noJar.exitCode()).isEqualTo(1);
        assertThat(noJar.output()).contains("missing.jar is missing; run 'mvn -B -DskipTests package' first");
        assertThat(root).doesNotExist();
    }

    /** systemctl and useradd that only record being called: staging must call neither. */
    private Path fakeSystemTools(Path calls) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
        for (String tool : List.of("systemctl", "useradd")) {
            Path fake = bin.resolve(tool);
            Files.writeString(fake, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\n");
            fake.toFile().setExecutable(true);
        }
        return bin;
    }
}
