package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import murder.core.MurderException;
import murder.core.tarball.UnpackLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentLimitOptionsTest {

    @Test
    void withoutOptionsTheAgentUsesTheDefaultLimits() {
        assertThat(AgentArgs.parse().unpackLimits()).isEqualTo(UnpackLimits.defaults());
    }

    @Test
    void theOptionsSetTheLimits() {
        UnpackLimits limits = AgentArgs.parse("--max-release-size", "64g", "--max-files", "500000",
                "--max-expansion", "1000").unpackLimits();
        assertThat(limits.maxReleaseBytes()).isEqualTo(64L << 30);
        assertThat(limits.maxFileBytes()).isEqualTo(64L << 30);
        assertThat(limits.maxEntries()).isEqualTo(500_000);
        assertThat(limits.maxExpansionRatio()).isEqualTo(1000);
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> AgentArgs.parse("--max-release-size", "huge"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'huge' is not a size");
        assertThatThrownBy(() -> AgentArgs.parse("--max-files", "0").unpackLimits())
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("at least 1");
    }
}
