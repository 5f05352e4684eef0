package murder.core.wire.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import murder.core.client.CaTrust;
import murder.core.testing.TestCertificates;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAnnouncerTlsTest {

    @TempDir
    Path dir;

    private TestCertificates certs;
    private HttpsServer server;
    private ExecutorService serverThreads;
    private final AtomicReference<String> lastQuery = new AtomicReference<>();

    @BeforeEach
    void startTracker() throws Exception {
        certs = TestCertificates.create(dir);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls(certs)));
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/announce", exchange -> {
            lastQuery.set(exchange.getRequestURI().getRawQuery());
            byte[] body = "d8:intervali60e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e1e"
                    .getBytes(StandardCharsets.ISO_8859_1);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopTracker() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static SSLContext serverTls(TestCertificates certs) throws Exception {
        PrivateKey key;
        try (Reader in = Files.newBufferedReader(certs.trackerKey()); PEMParser pem = new PEMParser(in)) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
        }
        Certificate cert;
        try (InputStream in = Files.newInputStream(certs.trackerCert())) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tracker", key, new char[0], new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/announce?passkey=abc");
    }

    private static AnnounceRequest request() {
        return new AnnounceRequest(new byte[20], "-MU0001-000000000000".getBytes(StandardCharsets.US_ASCII), null,
                6881, 0, 0, 100, AnnounceEvent.STARTED, 10);
    }

    @Test
    void announcesOverHttpsTrustingTheGivenCa() throws Exception {
        HttpAnnouncer announcer = new HttpAnnouncer(url(), CaTrust.fromPem(certs.caCert()), Duration.ofSeconds(5));
        AnnounceResponse r = announcer.announce(request());
        assertThat(r.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.peers()).containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 6881));
        assertThat(lastQuery.get()).startsWith("passkey=abc&info_hash=%00%00").contains("&event=started&");
    }

    @Test
    void anUntrustedCertificateFailsTheAnnounce() {
        HttpAnnouncer announcer = new HttpAnnouncer(url(), null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> announcer.announce(request()))
                .isInstanceOf(AnnounceException.class)
                .hasMessageStartingWith("announce to https://127.0.0.1:" + server.getAddress().getPort()
                        + "/announce failed: TLS failed (")
                .hasMessageNotContaining("passkey");
        assertThat(lastQuery.get()).isNull();
    }
}
