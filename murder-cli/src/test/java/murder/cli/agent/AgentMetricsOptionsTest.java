package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentMetricsOptionsTest {

    private static final String[] REQUIRED = {"--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
        "/tmp/d", "--data-dir", "/tmp/x"};

    @Test
    void metricsAreOffUnlessAPortIsGiven() {
        assertThat(parse().metricsAddress()).isNull();
    }

    @Test
    void aPortAloneListensOnLoopbackAndABindAddressMovesIt() {
        assertThat(parse("--metrics-port", "9464").metricsAddress())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 9464));
        InetSocketAddress all = parse("--metrics-port", "9464", "--metrics-bind", "0.0.0.0").metricsAddress();
        assertThat(all.getAddress().isAnyLocalAddress()).isTrue();
        assertThat(all.getPort()).isEqualTo(9464);
    }

    @Test
    void badCombinationsAndValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--metrics-bind", "0.0.0.0").metricsAddress())
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("needs --metrics-port");
        assertThatThrownBy(() -> parse("--metrics-port", "70000").metricsAddress())
                .isInstanceOf(MurderException.class).hasMessageContaining("must be a port");
        assertThatThrownBy(() -> parse("--metrics-port", "nine"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("nine");
        assertThatThrownBy(() -> parse("--metrics-port", "9464", "--metrics-bind", "[::1").metricsAddress())
                .isInstanceOf(MurderException.class).hasMessageContaining("cannot resolve host '[::1'");
    }

    private static AgentCommand parse(String... options) {
        AgentCommand command = new AgentCommand();
        String[] args = new String[REQUIRED.length + options.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        System.arraycopy(options, 0, args, REQUIRED.length, options.length);
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
