package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary failures an operator causes (a taken port, a directory that cannot be used, a file that cannot be read, a
 * malformed URL) end with one line naming what and what to do, and exit 2: never "this is a bug" with a trace.
 */
class FailureMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void aTrackerPortInUseIsNamedWithWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("tracker", "--port", "" + port, "--bind", "127.0.0.1", "--data-dir",
                    tmp.resolve("tracker").toString(), "--no-auth");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.errLine()).isEqualTo("murder tracker: cannot listen on 127.0.0.1:" + port + " (Address "
                    + "already in use): port " + port + " is in use (another tracker?): stop that process or choose "
                    + "another --port");
        }
        assertThat(CliRun.of("tracker", "--port", "70000", "--data-dir", tmp.toString(), "--no-auth").errLine())
                .isEqualTo("murder tracker: --port must be 0 to 65535 (0: any free port), got 70000");
    }

    @Test
    void anUnusableTrackerDataDirIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun isFile = CliRun.of("tracker", "--port", "0", "--data-dir", file.toString(), "--no-auth");
        assertThat(isFile.code()).isEqualTo(2);
        assertThat(isFile.errLine()).isEqualTo("murder tracker: the tracker's --data-dir " + file
                + ": it is a file, not a directory: choose a directory");

        CliRun underFile = CliRun.of("tracker", "--port", "0", "--data-dir", file.resolve("db").toString(),
                "--no-auth");
        assertThat(underFile.code()).isEqualTo(2);
        assertThat(underFile.errLine()).isEqualTo("murder tracker: the tracker's --data-dir " + file.resolve("db")
                + ": cannot create it (Not a directory): a file is in the way on that path; choose another directory");
    }

    @Test
    void anAgentWithAnUnusableDataDirOrDeployRootDoesNotStart() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun data = agent(file.resolve("data"), tmp.resolve("deploy"));
        assertThat(data.code()).isEqualTo(2);
        assertThat(data.errLine()).isEqualTo("murder agent: --data-dir " + file.resolve("data")
                + ": cannot create it (Not a directory): a file is in the way on that path; choose another directory");

        CliRun root = agent(tmp.resolve("data"), file);
        assertThat(root.code()).isEqualTo(2);
        assertThat(root.errLine()).isEqualTo("murder agent: --deploy-root " + file
                + ": it is a file, not a directory: choose a directory");
    }

    @Test
    void aDeployWithAnUnusableWorkDirOrPortStopsBeforeAnythingElse() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun work = CliRun.of("deploy", build.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1",
                "--tag", "web", "--unsigned", "--work-dir", file.resolve("work").toString());
        assertThat(work.code()).isEqualTo(2);
        assertThat(work.errLine()).isEqualTo("murder deploy: --work-dir " + file.resolve("work")
                + ": cannot create it (Not a directory): a file is in the way on that path; choose another directory");

        CliRun port = CliRun.of("deploy", build.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1",
                "--tag", "web", "--unsigned", "--bt-port", "-1");
        assertThat(port.errLine()).isEqualTo("murder deploy: --bt-port must be 0 to 65535 (0: any free port), got -1");
    }

    /** As root a mode-000 file is readable; a pipe or a socket in the build is what root cannot pack. */
    @Test
    void aBuildWithAPipeOrASocketIsRefusedNamingTheFile() throws Exception {
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(tmp.resolve("tracker"))
                .withBindAddress("127.0.0.1").withPort(0).withAuth(AuthSettings.NO_AUTH))) {
            Path withPipe = Files.createDirectories(tmp.resolve("with-pipe"));
            Files.writeString(withPipe.resolve("app.txt"), "hello");
            Process mkfifo = new ProcessBuilder("mkfifo", withPipe.resolve("queue").toString()).start();
            assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
            CliRun pipe = deploy(tracker, withPipe);
            assertThat(pipe.code()).isEqualTo(2);
            assertThat(pipe.errLine()).isEqualTo("murder deploy: cannot pack " + withPipe.resolve("queue") + ": only "
                    + "regular files, directories and symlinks can be deployed (this is a device, socket or pipe)");

            Path withSocket = Files.createDirectories(tmp.resolve("with-socket"));
            try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                socket.bind(UnixDomainSocketAddress.of(withSocket.resolve("app.sock")));
                CliRun sock = deploy(tracker, withSocket);
                assertThat(sock.code()).isEqualTo(2);
                assertThat(sock.errLine()).startsWith("murder deploy: cannot pack " + withSocket.resolve("app.sock")
                        + ": only regular files");
            }
        }
    }

    @Test
    void keyTrustTokenAndCaFilesThatAreDirectoriesAreNamed() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        Path dir = Files.createDirectories(tmp.resolve("a-dir"));
        String[] deploy = {"deploy", build.toString(), "--tracker", "http://127.0.0.1:9", "--release", "r1", "--tag",
            "web"};

        CliRun key = CliRun.of(concat(deploy, "--key", dir.toString()));
        assertThat(key.code()).isEqualTo(2);
        assertThat(key.errLine()).isEqualTo("murder deploy: cannot read key file " + dir
                + " (Is a directory): name a file, not a directory");

        CliRun trust = agent(tmp.resolve("data"), tmp.resolve("deploy"), "--trust", dir.toString());
        assertThat(trust.code()).isEqualTo(2);
        assertThat(trust.errLine()).isEqualTo("murder agent: cannot read key file " + dir
                + " (Is a directory): name a file, not a directory");

        CliRun token = CliRun.of("status", "--tracker", "http://127.0.0.1:9", "--token-file", dir.toString());
        assertThat(token.code()).isEqualTo(2);
        assertThat(token.errLine()).isEqualTo("murder status: the token file " + dir + " is a directory: name the "
                + "file that holds the token (`murder token --help` shows how to make one)");

        CliRun ca = CliRun.of("status", "--tracker", "http://127.0.0.1:9", "--ca-file", dir.toString());
        assertThat(ca.code()).isEqualTo(2);
        assertThat(ca.errLine()).isEqualTo("murder status: the CA file " + dir + " is a directory: name a PEM file "
                + "of CA certificates");

        CliRun missingToken = CliRun.of("status", "--tracker", "http://127.0.0.1:9", "--token-file",
                tmp.resolve("nope").toString());
        assertThat(missingToken.errLine()).isEqualTo("murder status: cannot read the token file " + tmp.resolve("nope")
                + " (No such file or directory): `murder token --help` shows how to make one");
    }

    @Test
    void outputsThatCannotBeWrittenAreNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun keygen = CliRun.of("keygen", "--out", file.resolve("release").toString());
        assertThat(keygen.code()).isEqualTo(2);
        assertThat(keygen.errLine()).isEqualTo("murder keygen: the directory of --out " + file
                + ": it is a file, not a directory: choose a directory");

        CliRun token = CliRun.of("token", "new", "--out", file.resolve("token").toString());
        assertThat(token.code()).isEqualTo(2);
        assertThat(token.errLine()).isEqualTo("murder token new: cannot write " + file.resolve("token")
                + " (Not a directory): choose another --out");
    }

    @Test
    void malformedTrackerUrlsAreBadInput() {
        assertThat(status("http://127.0.0.1:99999")).isEqualTo("murder status: invalid tracker URL "
                + "'http://127.0.0.1:99999': port 99999 is not 1 to 65535 (the tracker's --port, 7070 by default)");
        assertThat(status("http://deployer:secret@127.0.0.1:7070")).startsWith("murder status: invalid tracker URL "
                + "'http://deployer:secret@127.0.0.1:7070': credentials do not go in the URL");
        assertThat(status("http://127.0.0.1:7070?x=1")).contains("has no ?query or #fragment");
        assertThat(status("http://")).startsWith("murder status: invalid tracker URL 'http://'");
        assertThat(status("tracker.example")).contains("expected http://HOST:PORT");
    }

    @Test
    void fileAndPortErrorsThatEscapeTheirOptionAreStillOneLineOfBadInput() {
        MurderException denied = ErrorHandler.known(new AccessDeniedException("/srv/app/x"));
        assertThat(denied.kind()).isEqualTo(MurderException.Kind.BAD_INPUT);
        assertThat(denied.getMessage()).isEqualTo("cannot use /srv/app/x (Permission denied): run as a user who may, "
                + "or fix its owner or mode");

        MurderException wrapped = ErrorHandler.known(new UncheckedIOException("cannot list /srv/app",
                new AccessDeniedException("/srv/app")));
        assertThat(wrapped.getMessage()).isEqualTo("cannot list /srv/app (Permission denied)");

        MurderException bind = ErrorHandler.known(new BindException("Address already in use"));
        assertThat(bind.kind().exitCode).isEqualTo(2);
        assertThat(bind.getMessage()).contains("Address already in use").contains("--port");

        assertThat(ErrorHandler.known(new IllegalStateException("a bug"))).isNull();
    }

    /** An agent that trusts the given key options, or none given, accepts unsigned deployments. */
    private CliRun agent(Path dataDir, Path deployRoot, String... trust) {
        String[] base = {"agent", "--tracker", "http://127.0.0.1:9", "--tags", "web", "--data-dir", dataDir.toString(),
            "--deploy-root", deployRoot.toString(), "--port", "0"};
        return CliRun.of(concat(base, trust.length == 0 ? new String[] {"--allow-unsigned"} : trust));
    }

    private CliRun deploy(TrackerDaemon tracker, Path build) {
        return CliRun.of("deploy", build.toString(), "--tracker", tracker.url().toString(), "--release", "r1",
                "--tag", "web", "--unsigned", "--bind", "127.0.0.1", "--work-dir", tmp.resolve("work").toString());
    }

    private static String status(String url) {
        CliRun run = CliRun.of("status", "--tracker", url);
        assertThat(run.code()).as(url).isEqualTo(2);
        return run.errLine();
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
