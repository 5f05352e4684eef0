package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import murder.core.MurderException.Kind;
import murder.core.MurderException;
import murder.core.api.AgentHeartbeat;
import murder.core.api.CreateDeployment;
import murder.core.api.Deployment;
import murder.core.api.DesiredRelease;
import murder.core.api.RegisterRelease;
import murder.core.client.TrackerClient;
import murder.core.trust.DeployStatement;
import murder.core.trust.Dsse;
import murder.core.trust.Envelope;
import murder.core.trust.KeyFiles;
import murder.core.trust.StatementSigner;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker keeps a deployment's signature and hands it to agents byte for byte; it never judges it. */
class SignedDeploymentTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private TrackerDaemon tracker;
    private TrackerClient client;
    private Envelope signed;

    @BeforeEach
    void start() throws Exception {
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.NO_AUTH));
        client = new TrackerClient(tracker.url());
        RegisterRelease release = TestReleases.make(work, "r1", "a");
        client.registerRelease(release.manifest(), release.torrent());
        client.heartbeat("h1", new AgentHeartbeat(List.of("web"), 6881, null));
        StatementSigner signer = StatementSigner.load(KeyFiles.generate(work.resolve("release")).privateKey());
        signed = signer.sign(DeployStatement.of(release.manifest(), "web", 1, false, Instant.now()));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void storesTheEnvelopeAndHandsItOutVerbatimAlsoAfterARestart() {
        Deployment deployment = client.createDeployment(new CreateDeployment("r1", "web", signed));
        assertThat(deployment.signature()).isEqualTo(signed);

        DesiredRelease desired = client.desired("h1", 0, Duration.ofSeconds(1)).orElseThrow();
        assertThat(desired.signature()).isEqualTo(signed);

        tracker.close();
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.NO_AUTH));
        client = new TrackerClient(tracker.url());
        assertThat(client.desired("h1", 0, Duration.ofSeconds(1)).orElseThrow().signature()).isEqualTo(signed);
        assertThat(client.status().deployments().get(0).deployment().signature()).isEqualTo(signed);
    }

    @Test
    void anUnsignedDeploymentHasNoSignature() {
        client.createDeployment("r1", "web");
        assertThat(client.desired("h1", 0, Duration.ofSeconds(1)).orElseThrow().signature()).isNull();
    }

    @Test
    void refusesEnvelopesThatCouldNeverVerify() {
        List<Envelope> malformed = List.of(
                new Envelope("text/plain", signed.payload(), signed.signatures()),
                new Envelope(Dsse.PAYLOAD_TYPE, "not base64!", signed.signatures()),
                new Envelope(Dsse.PAYLOAD_TYPE, signed.payload(), List.of()));
        for (Envelope envelope : malformed) {
            assertThatThrownBy(() -> client.createDeployment(new CreateDeployment("r1", "web", envelope)))
                    .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT))
                    .hasMessageContaining("signature");
        }
        assertThat(client.status().deployments()).isEmpty();
    }
}
