package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make-class-archive and the wrapper as install.sh installs them, run at their real paths (the staged /usr/local
 * mounted over /usr/local in a mount namespace of the test's own): the archive is trained on `murder demo`, the
 * short-lived commands then load murder's classes from it, and an archive that no longer fits the jar is ignored
 * without a word.
 */
class ClassArchiveE2ETest {

    private static final String SHARED = "murder.cli.Main source: shared objects file (top)";

    @TempDir
    Path tmp;

    @Test
    void theArchiveIsMadeUsedByShortCommandsAndIgnoredOnceTheJarChanges() throws Exception {
        assumeTrue(Commands.isRoot() && Commands.onPath("unshare"),
                "needs root and unshare(1) to mount the staged /usr/local over /usr/local in a private namespace");
        Path root = tmp.resolve("root");
        Commands.Result install = Commands.install(Map.of("DESTDIR", root.toString()));
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path lib = root.resolve("usr/local/lib/murder");
        Path archive = lib.resolve("murder.jsa");
        assertThat(archive).as("staging makes no archive (the host does)").doesNotExist();
        String plain = installed(root, "MURDER_JAVA_OPTS= /usr/local/bin/murder --version");

        Commands.Result made = installedRun(root, "/usr/local/lib/murder/make-class-archive");
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThat(made.output()).contains("made /usr/local/lib/murder/murder.jsa");
        assertThat(archive).isNotEmptyFile();
        assertThat(Trees.mode(archive)).isEqualTo("rw-r--r--");
        try (var files = Files.list(lib)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("murder.jar", "murder.jsa", "make-class-archive");
        }

        assertThat(installed(root, "MURDER_JAVA_OPTS= /usr/local/bin/murder --version"))
                .as("the same output, no CDS line").isEqualTo(plain);
        assertThat(installed(root, "MURDER_JAVA_OPTS=-Xlog:class+load=info /usr/local/bin/murder --version"))
                .as("a short command loads murder's classes from the archive").contains(SHARED);
        assertThat(installedRun(root, "MURDER_JAVA_OPTS=-Xlog:class+load=info timeout 20 /usr/local/bin/murder "
                + "agent --help").output()).as("the agent does not use it").doesNotContain(SHARED);

        // a rebuilt or upgraded jar: the archive no longer fits, and the command runs as it would without one
        Path jar = lib.resolve("murder.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertThat(installed(root, "MURDER_JAVA_OPTS= /usr/local/bin/murder --version"))
                .as("a stale archive is ignored silently").isEqualTo(plain);
        assertThat(installed(root, "MURDER_JAVA_OPTS=-Xlog:class+load=info /usr/local/bin/murder --version"))
                .doesNotContain(SHARED).contains("murder.cli.Main source: file:/usr/local/lib/murder/murder.jar");
    }

    /** Runs the shell command with the staged /usr/local at /usr/local; its output (stdout and stderr). */
    private static Commands.Result installedRun(Path root, String command) throws Exception {
        return Commands.run(Map.of(), Duration.ofMinutes(5), "unshare", "--mount", "sh", "-c",
                "mount --bind \"$0\"/usr/local /usr/local && " + command, root.toString());
    }

    private static String installed(Path root, String command) throws Exception {
        Commands.Result result = installedRun(root, command);
        assertThat(result.exitCode()).as(command + " printed:\n" + result.output()).isZero();
        return result.output();
    }
}
