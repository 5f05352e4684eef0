package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the packaging tests check with (sh, systemd-analyze, dpkg-deb, tar), bounded in time. */
final class Commands {

    /** What a command printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
    }

    /** The checkout's root, where deploy-scripts/ and scripts/ are. */
    static final Path CHECKOUT = Path.of(System.getProperty("murder.checkout", "..")).toAbsolutePath().normalize();
    static final Path JAR = Path.of(System.getProperty("murder.jar", "target/murder.jar")).toAbsolutePath();
    static final Path INSTALL_SH = CHECKOUT.resolve("deploy-scripts/install.sh");

    private Commands() {
    }

    static Result run(Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("murder-command", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(new File("/dev/null"));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy(); // SIGTERM: scripts clean up in their traps
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), Duration.ofMinutes(2), command);
    }

    /** Runs it and fails the test, with what it printed, unless it exits 0. */
    static String ok(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Result result = run(env, Duration.ofMinutes(2), command);
        assertThat(result.exitCode()).as(String.join(" ", command) + " printed:\n" + result.output()).isZero();
        return result.output();
    }

    static String ok(String... command) throws IOException, InterruptedException {
        return ok(Map.of(), command);
    }

    /** install.sh with these settings (DESTDIR, PREFIX, UNITDIR, MURDER_JAR, PATH). */
    static Result install(Map<String, String> env) throws IOException, InterruptedException {
        return run(env, Duration.ofMinutes(2), "sh", INSTALL_SH.toString());
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static boolean isRoot() throws IOException, InterruptedException {
        return run("id", "-u").output().trim().equals("0");
    }

    static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
