package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import murder.core.MurderException;
import murder.peer.hooks.Hooks;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentHookOptionsTest {

    @Test
    void noHooksByDefaultWithAMinuteEach() {
        Hooks hooks = AgentArgs.parse().hooks();
        assertThat(hooks.afterStageHook()).isEmpty();
        assertThat(hooks.afterActivateHook()).isEmpty();
        assertThat(hooks.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theCommandsAndTheTimeoutAreTakenAsGiven() {
        Hooks hooks = AgentArgs.parse("--after-stage", "bin/check-config", "--after-activate",
                "systemctl restart app && curl -fsS localhost:8080/health", "--hook-timeout", "90s").hooks();
        assertThat(hooks.afterStage()).isEqualTo("bin/check-config");
        assertThat(hooks.afterActivate()).isEqualTo("systemctl restart app && curl -fsS localhost:8080/health");
        assertThat(hooks.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> AgentArgs.parse("--hook-timeout", "0s"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'0s' must be a positive duration");
        assertThatThrownBy(() -> new Hooks(null, "true", Duration.ZERO)).isInstanceOf(MurderException.class)
                .hasMessageContaining("hook timeout must be positive");
    }
}
