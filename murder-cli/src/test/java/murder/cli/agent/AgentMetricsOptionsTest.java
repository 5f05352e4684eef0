package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentMetricsOptionsTest {

    @Test
    void metricsAreOffUnlessAPortIsGiven() {
        assertThat(AgentArgs.parse().metricsAddress()).isNull();
    }

    @Test
    void aPortAloneListensOnLoopbackAndABindAddressMovesIt() {
        assertThat(AgentArgs.parse("--metrics-port", "9464").metricsAddress())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 9464));
        InetSocketAddress all = AgentArgs.parse("--metrics-port", "9464", "--metrics-bind", "0.0.0.0").metricsAddress();
        assertThat(all.getAddress().isAnyLocalAddress()).isTrue();
        assertThat(all.getPort()).isEqualTo(9464);
    }

    @Test
    void badCombinationsAndValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> AgentArgs.parse("--metrics-bind", "0.0.0.0").metricsAddress())
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("needs --metrics-port");
        assertThatThrownBy(() -> AgentArgs.parse("--metrics-port", "70000").metricsAddress())
                .isInstanceOf(MurderException.class).hasMessageContaining("must be a port");
        assertThatThrownBy(() -> AgentArgs.parse("--metrics-port", "nine"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("nine");
        assertThatThrownBy(() -> AgentArgs.parse("--metrics-port", "9464", "--metrics-bind", "[::1").metricsAddress())
                .isInstanceOf(MurderException.class).hasMessageContaining("cannot resolve host '[::1'");
    }
}
