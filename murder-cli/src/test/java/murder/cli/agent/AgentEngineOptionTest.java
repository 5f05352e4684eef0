package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import murder.core.swarm.SwarmEngineKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentEngineOptionTest {

    @Test
    void theAgentRunsTheWireEngineUnlessToldBt() {
        assertThat(AgentArgs.parse().bind.engine()).isEqualTo(SwarmEngineKind.WIRE);
        assertThat(AgentArgs.parse("--swarm-engine", "BT").bind.engine()).isEqualTo(SwarmEngineKind.BT);
        assertThatThrownBy(() -> AgentArgs.parse("--swarm-engine", "BITTORRENT"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--swarm-engine").hasMessageContaining("wire").hasMessageContaining("bt")
                .hasMessageContaining("'BITTORRENT'");
    }
}
