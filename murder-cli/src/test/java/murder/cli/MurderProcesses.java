package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged murder jar as real OS processes, logs each to a file, and kills whatever is left on close. */
final class MurderProcesses implements AutoCloseable {

    /** env MURDER_E2E_JAR runs the tests against another build (e.g. an older commit's), to compare */
    private final Path jar = Path.of(System.getenv().getOrDefault("MURDER_E2E_JAR",
            System.getProperty("murder.jar", "target/murder.jar"))).toAbsolutePath();
    private final Path logs;
    private final List<Process> started = new ArrayList<>();
    private final List<String> prefix = new ArrayList<>();

    MurderProcesses(Path logs) {
        this.logs = logs;
        assertThat(jar).as("the packaged jar (run `mvn package` first)").exists();
    }

    /** Runs every process started from now on through this command first, e.g. {@code taskset -c 0}. */
    MurderProcesses prefixedWith(String... command) {
        prefix.clear();
        prefix.addAll(List.of(command));
        return this;
    }

    Process start(String logName, String... args) throws IOException {
        return start(Map.of(), logName, List.of(), args);
    }

    /** Starts with these environment variables added to (or, with a null value, removed from) this JVM's. */
    Process start(Map<String, String> env, String logName, String... args) throws IOException {
        return start(env, logName, List.of(), args);
    }

    /** As {@link #start(String, String...)}, with extra JVM options (e.g. {@code -Djava.io.tmpdir=...}). */
    Process start(String logName, List<String> jvmOptions, String... args) throws IOException {
        return start(Map.of(), logName, jvmOptions, args);
    }

    Process start(Map<String, String> env, String logName, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand(jvmOptions, args));
        return launch(env, logName, command);
    }

    /** {@code java ... -jar murder.jar args}. */
    private List<String> javaCommand(List<String> jvmOptions, String... args) {
        // SQLite's native library is copied out of the jar at start and deleted at exit: one killed with SIGKILL
        // would leave its copy in /tmp, so it goes into this test's directory instead
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.sqlite.tmpdir=" + logs.resolve("natives")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Process launch(Map<String, String> env, String logName, List<String> command) throws IOException {
        Files.createDirectories(logs.resolve("natives"));
        ProcessBuilder builder = new ProcessBuilder(command);
        // credentials and settings come from options here unless a test sets them in the environment: none of this
        // machine's MURDER_* variables (but the log level) and no settings file (docs/CONFIG.md)
        builder.environment().keySet().removeIf(name -> name.startsWith("MURDER_") && !name.equals("MURDER_LOG_LEVEL"));
        builder.environment().put("MURDER_CONFIG", "/dev/null");
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder
                .redirectErrorStream(false)
                .redirectOutput(logs.resolve(logName + ".out").toFile())
                .redirectError(logs.resolve(logName + ".err").toFile())
                .start();
        started.add(process);
        return process;
    }

    /**
     * As {@link #start(Map, String, String...)}, on a pseudo-terminal (util-linux {@code script}), as an operator at a
     * shell runs it: stdout and stderr both go to the terminal, logged as {@code logName.out}.
     */
    Process startOnTerminal(Map<String, String> env, String logName, String... args) throws IOException {
        String line = String.join(" ", javaCommand(List.of(), args).stream().map(MurderProcesses::shellQuote).toList());
        return launch(env, logName, List.of("script", "-qfec", line, "/dev/null"));
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs a command to its end (bounded) and returns its exit code. */
    int run(String logName, long timeoutSeconds, String... args) throws Exception {
        return run(Map.of(), logName, timeoutSeconds, args);
    }

    int run(Map<String, String> env, String logName, long timeoutSeconds, String... args) throws Exception {
        Process process = start(env, logName, args);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as(logName + " finished in time").isTrue();
        return process.exitValue();
    }

    String stdout(String logName) throws IOException {
        return Files.readString(logs.resolve(logName + ".out"));
    }

    String stderr(String logName) throws IOException {
        return Files.readString(logs.resolve(logName + ".err"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
