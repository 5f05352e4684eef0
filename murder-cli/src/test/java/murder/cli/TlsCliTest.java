package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import murder.core.testing.TestAuth;
import murder.core.testing.TestCertificates;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import murder.tracker.http.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `murder status` against an https tracker whose certificate a private CA signed, with and without --ca-file. */
class TlsCliTest {

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
    void theCaFileMakesTheTrackerTrustedAndItsAbsenceIsAClearError() {
        TestCertificates certs = TestCertificates.create(tmp.resolve("tls"));
        TestAuth auth = TestAuth.create(tmp.resolve("auth"));
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(tmp.resolve("data"))
                .withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets()))
                .withTls(new TlsFiles(certs.trackerCert(), certs.trackerKey())))) {
            String url = tracker.url().toString();

            int trusted = run("status", "--tracker", url, "--token-file", auth.deployerTokens().toString(),
                    "--ca-file", certs.caCert().toString());
            assertThat(trusted).as(err.toString()).isZero();

            int untrusted = run("status", "--tracker", url, "--token-file", auth.deployerTokens().toString());
            assertThat(untrusted).isEqualTo(2);
            assertThat(err.toString()).contains("cannot verify the TLS certificate of the tracker at " + url)
                    .contains("--ca-file").doesNotContain("\tat ").doesNotContain("Exception:");
        }
    }
}
