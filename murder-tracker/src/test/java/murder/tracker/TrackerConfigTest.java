package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrackerConfig config = TrackerConfig.defaults(dataDir);

        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.trustPeerIp()).isFalse();
        assertThat(config.announceInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.peerTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.agentTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.deploymentTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.agentExpiry()).isEqualTo(Duration.ofHours(24));
        assertThat(config.keepDeployments()).isEqualTo(100);
        assertThat(config.limits().requestDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(config.limits().maxConnectionsPerSource()).isEqualTo(256);
        assertThat(config.limits().maxConnections()).isEqualTo(4096);
        assertThat(config.limits().workerQueue()).isEqualTo(256);
        assertThat(config.limits().maxHeaderBytes()).isEqualTo(8192);
        assertThat(config.withLimits(config.limits().withMaxConnectionsPerSource(3)).limits().maxConnectionsPerSource())
                .isEqualTo(3);
        assertThat(config.auth()).isEqualTo(AuthSettings.UNSET);
        assertThat(config.tls()).isNull();
    }

    @Test
    void rejectsNonsense() {
        TrackerConfig config = TrackerConfig.defaults(dataDir);

        assertThatThrownBy(() -> config.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withAnnounceInterval(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withPeerTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withDeploymentTimeout(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withAgentExpiry(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withKeepDeployments(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.limits().withMaxConnectionsPerSource(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.limits().withRequestDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWildcardBindIsReachedThroughLoopback() {
        TestAuth auth = TestAuth.create(dataDir.resolve("auth"));
        try (TrackerDaemon tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())))) {
            assertThat(tracker.port()).isPositive();
            assertThat(tracker.url().toString()).isEqualTo("http://127.0.0.1:" + tracker.port());
            assertThat(new TrackerClient(tracker.url(), auth.deployer()).status().releases()).isEmpty();
        }
    }
}
