package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.client.CaTrust;
import murder.core.client.TrackerAccess;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.core.testing.TestCertificates;
import murder.tracker.auth.AuthSettings;
import murder.tracker.http.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker over https with a certificate from a private CA. */
class TrackerTlsTest {

    @TempDir
    Path dir;

    @Test
    void clientsTrustingTheCaGetInOthersGetAClearMessage() {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
        TestAuth auth = TestAuth.create(dir.resolve("auth"));
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(dir.resolve("data"))
                .withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets()))
                .withTls(new TlsFiles(certs.trackerCert(), certs.trackerKey())))) {
            assertThat(tracker.url().getScheme()).isEqualTo("https");

            TrackerClient trusting = new TrackerClient(tracker.url(), auth.withTls(CaTrust.fromPem(certs.caCert()))
                    .deployer());
            assertThat(trusting.status().releases()).isEmpty();

            TrackerClient systemTrust = new TrackerClient(tracker.url(), auth.deployer());
            assertThatThrownBy(systemTrust::status).isInstanceOf(MurderException.class)
                    .hasMessageContaining("cannot verify the TLS certificate").hasMessageContaining("--ca-file")
                    .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(Kind.BAD_INPUT));

            URI plain = URI.create("http://127.0.0.1:" + tracker.port());
            assertThatThrownBy(() -> new TrackerClient(plain, auth.deployer()).status())
                    .isInstanceOf(MurderException.class).hasMessageContaining("use an https:// URL");
        }
    }

    @Test
    void unusableCertificateFilesAreBadInput() {
        TestAuth auth = TestAuth.create(dir.resolve("auth"));
        assertThatThrownBy(() -> TrackerDaemon.start(TrackerConfig.defaults(dir.resolve("data")).withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets()))
                .withTls(new TlsFiles(dir.resolve("none.pem"), dir.resolve("none.key")))))
                .isInstanceOf(MurderException.class).hasMessageContaining("cannot read the TLS file");
        assertThatThrownBy(() -> CaTrust.fromPem(auth.deployerTokens()))
                .isInstanceOf(MurderException.class).hasMessageContaining("CA file");
        assertThat(new TrackerAccess(null, null, null)).isEqualTo(TrackerAccess.NONE);
    }
}
