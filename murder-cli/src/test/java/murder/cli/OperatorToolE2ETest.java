package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: version, completion in bash, man, and failures as one line. */
class OperatorToolE2ETest {

    private static final String JAR = Path.of(System.getProperty("murder.jar", "target/murder.jar"))
            .toAbsolutePath().toString();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;

    private MurderProcesses processes;

    @AfterEach
    void stop() throws InterruptedException {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void versionNamesTheCommitTheJarWasBuiltFrom() throws Exception {
        Result version = run(List.of(), "--version");
        assertThat(version.code).isZero();
        List<String> lines = version.out.lines().toList();
        assertThat(lines.get(0)).startsWith("murder 0.");
        Result head = exec(null, "git", "rev-parse", "HEAD");
        String commit = lines.get(1).substring("commit ".length()).split(" ")[0];
        if (head.code == 0) {
            assertThat(head.out.strip()).startsWith(commit);
        } else {
            assertThat(commit).isEqualTo("unknown");
        }
        assertThat(lines.get(2)).matches("built  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void bashSourcesTheCompletionOfTheJarAndCompletesCommands() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).isTrue();
        String murder = JAVA + " -jar " + JAR;
        Result complete = exec(null, "/bin/bash", "-c", "source <(" + murder + " completion) && complete -p murder && "
                + "COMP_WORDS=(murder tr); COMP_CWORD=1; COMP_LINE='murder tr'; COMP_POINT=9; _complete_murder "
                + "2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(complete.code).as(complete.err).isZero();
        assertThat(complete.out.lines()).contains("complete -o default -F _complete_murder murder", "tracker");
    }

    @Test
    void manRendersTheJarsPages() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/man"))).as("man is installed").isTrue();
        Result man = exec(null, "/bin/bash", "-c", "set -o pipefail; " + JAVA + " -jar " + JAR
                + " man tracker | MANWIDTH=100 man -l -");
        assertThat(man.code).as(man.err).isZero();
        assertThat(man.out).contains("murder-tracker - Run the tracker").contains("SYNOPSIS")
                .contains("--data-dir=DIR").contains("--deployer-tokens=FILE");
    }

    @Test
    void aTakenTrackerPortIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result tracker = run(List.of(), "tracker", "--port", "" + taken.getLocalPort(), "--bind", "127.0.0.1",
                    "--data-dir", tmp.resolve("tracker").toString(), "--no-auth");
            assertThat(tracker.code).isEqualTo(2);
            assertThat(tracker.err).contains("murder tracker: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (Address already in use)").doesNotContain("\tat ").doesNotContain("this is a bug");
        }
    }

    /** A file the deploying user cannot read; as root (where mode 000 is readable) the deploy runs as nobody. */
    @Test
    void anUnreadableFileInTheBuildOrKeyIsOneLineAndExitTwo() throws Exception {
        List<String> asUser = new ArrayList<>();
        String user = System.getProperty("user.name");
        if (user.equals("root")) {
            assumeThat(Files.isExecutable(Path.of("/usr/bin/setpriv"))).as("setpriv to drop root").isTrue();
            asUser.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            user = exec(null, "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "id", "-un")
                    .out.strip();
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = MurderProcesses.freePort();
        processes = new MurderProcesses(tmp.resolve("logs"));
        processes.start("tracker", "tracker", "--port", "" + port, "--bind", "127.0.0.1", "--data-dir",
                tmp.resolve("tracker").toString(), "--no-auth");
        String url = "http://127.0.0.1:" + port;
        awaitHealthy(url);

        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.writeString(build.resolve("app.txt"), "hello");
        Path secret = Files.writeString(build.resolve("secret.env"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result deploy = run(asUser, "deploy", build.toString(), "--tracker", url, "--release", "r1", "--tag", "web",
                "--unsigned", "--bind", "127.0.0.1");
        assertThat(deploy.code).as(deploy.err).isEqualTo(2);
        assertThat(deploy.err.strip()).endsWith("murder deploy: cannot pack " + secret + ": cannot read it (Permission "
                + "denied): make it readable by " + user + " or leave it out of the build");
        assertThat(deploy.err).doesNotContain("\tat ");

        Files.delete(secret);
        Path key = Files.writeString(tmp.resolve("release.key"), "not even a key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        Result signed = run(asUser, "deploy", build.toString(), "--tracker", url, "--release", "r1", "--tag", "web",
                "--key", key.toString());
        assertThat(signed.code).isEqualTo(2);
        assertThat(signed.err.strip()).isEqualTo("murder deploy: cannot read key file " + key
                + " (Permission denied): make it readable by " + user);
    }

    private void awaitHealthy(String url) {
        Awaitility.await("the tracker at " + url + " answers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> run(List.of(), "status", "--tracker", url).code == 0);
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> prefix, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-jar", JAR));
        command.addAll(List.of(args));
        return exec(null, command.toArray(String[]::new));
    }

    private Result exec(String stdin, String... command) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("MURDER_TOKEN", "MURDER_TOKEN_FILE", "MURDER_CA_FILE",
                "MURDER_SIGNING_KEY"));
        builder.environment().put("MURDER_CONFIG", "/dev/null"); // not this machine's settings (nor root's, as nobody)
        Process p = builder.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
