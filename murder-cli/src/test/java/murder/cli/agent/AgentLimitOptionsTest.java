package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import murder.core.MurderException;
import murder.core.tarball.UnpackLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentLimitOptionsTest {

    private static final String[] REQUIRED = {"--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
        "/tmp/d", "--data-dir", "/tmp/x"};

    @Test
    void withoutOptionsTheAgentUsesTheDefaultLimits() {
        assertThat(parse().unpackLimits()).isEqualTo(UnpackLimits.defaults());
    }

    @Test
    void theOptionsSetTheLimits() {
        UnpackLimits limits = parse("--max-release-size", "64g", "--max-files", "500000", "--max-expansion", "1000")
                .unpackLimits();
        assertThat(limits.maxReleaseBytes()).isEqualTo(64L << 30);
        assertThat(limits.maxFileBytes()).isEqualTo(64L << 30);
        assertThat(limits.maxEntries()).isEqualTo(500_000);
        assertThat(limits.maxExpansionRatio()).isEqualTo(1000);
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--max-release-size", "huge"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'huge' is not a size");
        assertThatThrownBy(() -> parse("--max-files", "0").unpackLimits())
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("at least 1");
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
