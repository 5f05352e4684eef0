package murder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the checkout's ./murder and the installed wrapper give each kind of command, read back from the
 * real JVM: JAVA_TOOL_OPTIONS=-XX:+PrintCommandLineFlags makes it print every flag it was started with.
 */
class JvmOptionsE2ETest {

    private static final Map<String, String> PRINT_FLAGS = Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags");
    private static final String AGENT_HEAP = "-XX:MaxHeapSize=100663296"; // -Xmx96m
    private static final String LAZY_JIT = "-XX:CompileThresholdScaling=5";

    @TempDir
    Path tmp;

    @BeforeAll
    static void noOptionsFromTheEnvironment() {
        assumeTrue(System.getenv("MURDER_JAVA_OPTS") == null, "MURDER_JAVA_OPTS is set here: it replaces the defaults");
    }

    @Test
    void theCheckoutsLauncherGivesEachKindOfCommandItsOptions() throws Exception {
        String launcher = Commands.CHECKOUT.resolve("murder").toString();

        assertThat(flags(Map.of(), launcher, "deploy", "--help")).contains("-XX:+UseSerialGC", LAZY_JIT)
                .doesNotContain(AGENT_HEAP);
        assertThat(flags(Map.of(), launcher, "--version")).contains("-XX:+UseSerialGC", LAZY_JIT);
        assertThat(flags(Map.of(), launcher, "agent", "--help")).contains(AGENT_HEAP, "-XX:+UseSerialGC",
                "-XX:MaxDirectMemorySize=268435456").doesNotContain(LAZY_JIT);
        assertThat(flags(Map.of(), launcher, "tracker", "--help")).doesNotContain(LAZY_JIT, AGENT_HEAP);
        assertThat(flags(Map.of("MURDER_JAVA_OPTS", "-Xmx200m"), launcher, "deploy", "--help"))
                .contains("-XX:MaxHeapSize=209715200").doesNotContain(LAZY_JIT);
    }

    @Test
    void theInstalledWrapperGivesTheSameDefaults() throws Exception {
        assumeTrue(Commands.isRoot() && Commands.onPath("unshare"),
                "needs root and unshare(1) to mount the staged /usr/local over /usr/local in a private namespace");
        Path root = tmp.resolve("root");
        assertThat(Commands.install(Map.of("DESTDIR", root.toString())).exitCode()).isZero();
        // only inside a mount namespace of its own: the host's /usr/local is untouched
        String inNamespace = "mount --bind \"$0\"/usr/local /usr/local && exec /usr/local/bin/murder \"$@\"";

        assertThat(flags(Map.of(), "unshare", "--mount", "sh", "-c", inNamespace, root.toString(), "deploy", "--help"))
                .contains("-XX:+UseSerialGC", LAZY_JIT).doesNotContain(AGENT_HEAP);
        assertThat(flags(Map.of(), "unshare", "--mount", "sh", "-c", inNamespace, root.toString(), "agent", "--help"))
                .contains(AGENT_HEAP, "-XX:MaxDirectMemorySize=268435456").doesNotContain(LAZY_JIT);
        assertThat(flags(Map.of(), "unshare", "--mount", "sh", "-c", inNamespace, root.toString(), "tracker",
                "--help")).doesNotContain(LAZY_JIT, AGENT_HEAP);
        // the services' settings files set MURDER_JAVA_OPTS, even to nothing: then it is used as it is
        assertThat(flags(Map.of("MURDER_JAVA_OPTS", ""), "unshare", "--mount", "sh", "-c", inNamespace,
                root.toString(), "agent", "--help")).doesNotContain(AGENT_HEAP, LAZY_JIT);
    }

    /** The line of flags the JVM printed when it started the command, which must succeed. */
    private static String flags(Map<String, String> env, String... command) throws Exception {
        Map<String, String> all = new HashMap<>(PRINT_FLAGS);
        all.putAll(env);
        Commands.Result result = Commands.run(all, Duration.ofMinutes(1), command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return Commands.lines(result.output()).stream().filter(line -> line.startsWith("-XX:")).findFirst()
                .orElseThrow(() -> new AssertionError("no flags printed by " + String.join(" ", command) + ":\n"
                        + result.output()));
    }
}
