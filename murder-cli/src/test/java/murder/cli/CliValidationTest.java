package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad command lines fail before anything is packed, seeded or deployed, with a message that says what to fix. */
class CliValidationTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void deployOfAMissingPathIsBadInput() {
        int code = run("deploy", tmp.resolve("nope").toString(), "--tracker", "http://127.0.0.1:9",
                "--release", "r1", "--tag", "web", "--unsigned");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot deploy " + tmp.resolve("nope") + ": no such file or directory");
    }

    @Test
    void aBadReleaseIdIsRejected() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("build"));
        int code = run("deploy", dir.toString(), "--tracker", "http://127.0.0.1:9", "--release", "../etc",
                "--tag", "web");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("invalid release id '../etc'");
    }

    @Test
    void aBadTagIsRejected() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("build"));
        int code = run("deploy", dir.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1",
                "--tag", "web servers");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("invalid tag 'web servers'");
    }

    @Test
    void anUnreachableTrackerExitsThreeBeforePacking() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("build"));
        Files.writeString(dir.resolve("app.txt"), "hello");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path work = tmp.resolve("work");
        int code = run("deploy", dir.toString(), "--tracker", "http://127.0.0.1:" + port, "--release", "r1",
                "--tag", "web", "--work-dir", work.toString(), "--unsigned");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach the tracker at http://127.0.0.1:" + port)
                .contains("check the --tracker URL");
        assertThat(work.resolve("r1.tar.gz")).doesNotExist();
    }

    @Test
    void aTrackerUrlWithoutSchemeIsRejected() {
        int code = run("status", "--tracker", "127.0.0.1:7070");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("invalid tracker URL '127.0.0.1:7070'");
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        int code = run("deploy", tmp.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("missing --tracker").contains("missing --release").contains("missing --tag")
                .contains("See 'murder deploy --help'").doesNotContain("Usage:");
    }

    @Test
    void aBadTimeoutIsRejected() {
        int code = run("deploy", tmp.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1", "--tag", "t",
                "--timeout", "soon");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void durationsReadTheWayOperatorsWriteThem() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anAgentWithoutTagsIsRejected() {
        int code = run("agent", "--tracker", "http://127.0.0.1:9", "--deploy-root", tmp.resolve("d").toString(),
                "--data-dir", tmp.resolve("x").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--tags");
    }

    @Test
    void deployMustSayWhetherItSigns() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("build"));
        String[] base = {"deploy", dir.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1", "--tag", "web"};

        assertThat(run(base)).isEqualTo(2);
        assertThat(err.toString()).contains("--key FILE").contains("--unsigned").contains("murder keygen");

        assertThat(run(concat(base, "--unsigned", "--rollback"))).isEqualTo(2);
        assertThat(err.toString()).contains("--rollback is a signed statement");

        assertThat(run(concat(base, "--key", tmp.resolve("missing.key").toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("missing.key does not exist");
    }

    @Test
    void keygenWritesAPairAndNeverOverwritesIt() throws IOException {
        Path prefix = tmp.resolve("keys/release");
        assertThat(run("keygen", "--out", prefix.toString())).isZero();
        assertThat(tmp.resolve("keys/release.key")).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tmp.resolve("keys/release.key")))).isEqualTo("rw-------");
        String pub = Files.readString(tmp.resolve("keys/release.pub"));

        assertThat(run("keygen", "--out", prefix.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already exists");
        assertThat(Files.readString(tmp.resolve("keys/release.pub"))).isEqualTo(pub);
    }

    @Test
    void anAgentThatTrustsNoKeyDoesNotStart() {
        int code = run("agent", "--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
                tmp.resolve("d").toString(), "--data-dir", tmp.resolve("x").toString(), "--port", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("trusts no signing key").contains("murder keygen").contains("--trust")
                .contains("--allow-unsigned");

        code = run("agent", "--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
                tmp.resolve("d").toString(), "--data-dir", tmp.resolve("x").toString(), "--port", "0",
                "--trust", tmp.resolve("nope.pub").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("nope.pub does not exist");
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
