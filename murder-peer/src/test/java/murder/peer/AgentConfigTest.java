package murder.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    private static final BtSettings BT = new BtSettings(InetAddress.getLoopbackAddress(), 0);
    private static final URI TRACKER = URI.create("http://tracker:7070");

    @Test
    void appliesTheDefaults() {
        AgentConfig config = AgentConfig.of(TRACKER, "web-1", List.of("web"), Path.of("srv/app"), Path.of("var/murder"), BT);

        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.longPollWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.keepReleases()).isEqualTo(5);
        assertThat(config.deployRoot()).isAbsolute();
        assertThat(config.withKeepReleases(3).keepReleases()).isEqualTo(3);
        assertThat(config.withLongPollWait(Duration.ofMinutes(5)).longPollWait()).isEqualTo(Duration.ofSeconds(60));
        AgentConfig nulls = new AgentConfig(TRACKER, "web-1", List.of("web"), Path.of("a"), Path.of("b"), BT, null,
                null, 1, null, null, null, null);
        assertThat(nulls.heartbeatInterval()).isEqualTo(AgentConfig.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(nulls.unpackLimits()).isEqualTo(murder.core.tarball.UnpackLimits.defaults());
        assertThat(config.withUnpackLimits(nulls.unpackLimits().withMaxEntries(7)).unpackLimits().maxEntries())
                .isEqualTo(7);
        // safe by default: trusts no key until told (and the daemon refuses to start like that)
        assertThat(config.trust().trustsNothing()).isTrue();
        assertThat(config.withTrust(murder.core.trust.TrustPolicy.allowingUnsigned()).withKeepReleases(2).trust()
                .allowUnsigned()).isTrue();
        assertThat(config.stallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.metricsAddress()).isNull(); // no metrics port unless asked for
        assertThat(nulls.stallTimeout()).isEqualTo(AgentConfig.DEFAULT_STALL_TIMEOUT);
        assertThat(config.withStallTimeout(Duration.ofSeconds(5)).stallTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> config.withStallTimeout(Duration.ZERO)).isInstanceOf(MurderException.class)
                .hasMessageContaining("stall timeout");
    }

    @Test
    void rejectsNamesThatWouldEndUpInPathsOrUrls() {
        assertThatThrownBy(() -> AgentConfig.of(TRACKER, "web/1", List.of("web"), Path.of("a"), Path.of("b"), BT))
                .isInstanceOf(MurderException.class).hasMessageContaining("host name");
        assertThatThrownBy(() -> AgentConfig.of(TRACKER, "web-1", List.of("we b"), Path.of("a"), Path.of("b"), BT))
                .isInstanceOf(MurderException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> AgentConfig.of(TRACKER, "web-1", List.of(), Path.of("a"), Path.of("b"), BT))
                .isInstanceOf(MurderException.class).hasMessageContaining("no tags");
        assertThatThrownBy(() -> AgentConfig.of(TRACKER, "web-1", List.of("web"), Path.of("a"), Path.of("a"), BT))
                .isInstanceOf(MurderException.class).hasMessageContaining("own directory");
        assertThatThrownBy(() -> AgentConfig.of(TRACKER, "web-1", List.of("web"), Path.of("a"), Path.of("b"), BT)
                .withKeepReleases(0)).isInstanceOf(MurderException.class).hasMessageContaining("at least 1");
    }
}
