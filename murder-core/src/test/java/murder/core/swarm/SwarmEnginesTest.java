package murder.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import murder.core.bt.BtSwarmEngine;
import murder.core.wire.WireEngine;
import org.junit.jupiter.api.Test;

class SwarmEnginesTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void theSettingsNameTheEngineAndWireIsTheDefault() {
        assertThat(new BtSettings(LOOPBACK, 0).engine()).isEqualTo(SwarmEngineKind.WIRE);
        try (SwarmEngine wire = SwarmEngines.start(new BtSettings(LOOPBACK, 0), null);
             SwarmEngine bt = SwarmEngines.start(new BtSettings(LOOPBACK, 0, SwarmEngineKind.BT), null)) {
            assertThat(wire).isInstanceOf(WireEngine.class);
            assertThat(bt).isInstanceOf(BtSwarmEngine.class);
            assertThat(wire.port()).isPositive().isNotEqualTo(bt.port());
        }
    }

    @Test
    void engineNamesParseInAnyCaseAndAnUnknownOneSaysWhatIsValid() {
        assertThat(SwarmEngineKind.parse(" BT ")).isEqualTo(SwarmEngineKind.BT);
        assertThat(SwarmEngineKind.parse("wire")).isEqualTo(SwarmEngineKind.WIRE);
        assertThatThrownBy(() -> SwarmEngineKind.parse("libtorrent")).isInstanceOf(MurderException.class)
                .hasMessage("unknown swarm engine 'libtorrent': use wire (the default) or bt");
    }

    @Test
    void bothEnginesRefuseATakenPortWithTheSameMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            for (SwarmEngineKind kind : SwarmEngineKind.values()) {
                BtSettings settings = new BtSettings(LOOPBACK, taken.getLocalPort(), kind);
                assertThatThrownBy(() -> SwarmEngines.start(settings, null)).as(kind.toString())
                        .isInstanceOf(MurderException.class)
                        .hasMessageStartingWith("BitTorrent port " + taken.getLocalPort() + " on 127.0.0.1 is not free")
                        .hasMessageEndingWith("choose another --port (agent) or --bt-port (deploy); 0 picks a free one");
            }
        }
    }
}
