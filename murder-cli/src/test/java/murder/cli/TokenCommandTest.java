package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import murder.core.auth.AgentTokens;
import murder.core.client.TrackerAccess;
import murder.core.testing.TestAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `murder token`, the tracker's auth flags and the clients' credential options, through the real command line. */
class TokenCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void tokenNewWritesA0600FileAndNeverOverwritesIt() throws Exception {
        Path file = tmp.resolve("deployer-tokens");

        assertThat(run("token", "new", "--out", file.toString())).isZero();
        assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        String before = Files.readString(file);
        assertThat(run("token", "new", "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(file + " exists already");
        assertThat(Files.readString(file)).isEqualTo(before);

        assertThat(run("token", "new")).isZero();
        assertThat(out.toString().strip()).matches("[0-9a-f]{64}").isNotEqualTo(before.strip());
    }

    @Test
    void tokenAgentDerivesTheHostsTokenFromTheNewestSecret() throws Exception {
        TestAuth auth = TestAuth.create(tmp.resolve("auth"));
        String newest = AgentTokens.random();
        Files.writeString(auth.agentSecrets(), "# old, remove after re-issuing\n" + "a".repeat(64) + "\n" + newest
                + "\n");

        assertThat(run("token", "agent", "--host", "web1", "--agent-secrets", auth.agentSecrets().toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo(AgentTokens.forHost(newest, "web1"));

        assertThat(run("token", "agent", "--host", "bad host", "--agent-secrets", auth.agentSecrets().toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("invalid host name 'bad host'");
    }

    @Test
    void aTrackerWithoutTokensRefusesToStartAndSaysHowToMakeThem() {
        assertThat(run("tracker", "--port", "0", "--data-dir", tmp.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("murder token new --out").contains("murder token agent")
                .contains("--deployer-tokens").contains("--no-auth");

        assertThat(run("tracker", "--port", "0", "--data-dir", tmp.resolve("data").toString(), "--no-auth",
                "--tls-cert", tmp.resolve("cert.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void clientsReadTheirTokenFromAFileOrTheEnvironmentAndNameABadFile() throws Exception {
        int missing = run("agent", "--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
                tmp.resolve("d").toString(), "--data-dir", tmp.resolve("x").toString(), "--token-file",
                tmp.resolve("no-such-token").toString());
        assertThat(missing).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read the token file " + tmp.resolve("no-such-token"));

        Path readable = Files.writeString(tmp.resolve("shared-token"), AgentTokens.random() + "\n");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run("status", "--tracker", "http://127.0.0.1:9", "--token-file", readable.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("chmod 600 " + readable);

        AccessOptions options = new AccessOptions();
        assertThat(options.access(Map.of(AccessOptions.TOKEN_ENV, " tok3n "))).isEqualTo(
                new TrackerAccess("tok3n", null, null));
        assertThat(options.access(Map.of())).isEqualTo(TrackerAccess.NONE);
        TestAuth auth = TestAuth.create(tmp.resolve("auth"));
        options.tokenFile = auth.deployerTokens();
        assertThat(options.access(Map.of(AccessOptions.TOKEN_ENV, "ignored")).token())
                .isEqualTo(auth.deployerToken());
    }
}
