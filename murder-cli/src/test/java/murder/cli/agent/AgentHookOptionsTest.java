package murder.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import murder.core.MurderException;
import murder.peer.hooks.Hooks;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentHookOptionsTest {

    private static final String[] REQUIRED = {"--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
        "/tmp/d", "--data-dir", "/tmp/x"};

    @Test
    void noHooksByDefaultWithAMinuteEach() {
        Hooks hooks = parse().hooks();
        assertThat(hooks.afterStageHook()).isEmpty();
        assertThat(hooks.afterActivateHook()).isEmpty();
        assertThat(hooks.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theCommandsAndTheTimeoutAreTakenAsGiven() {
        Hooks hooks = parse("--after-stage", "bin/check-config", "--after-activate",
                "systemctl restart app && curl -fsS localhost:8080/health", "--hook-timeout", "90s").hooks();
        assertThat(hooks.afterStage()).isEqualTo("bin/check-config");
        assertThat(hooks.afterActivate()).isEqualTo("systemctl restart app && curl -fsS localhost:8080/health");
        assertThat(hooks.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> parse("--hook-timeout", "0s")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'0s' must be a positive duration");
        assertThatThrownBy(() -> new Hooks(null, "true", Duration.ZERO)).isInstanceOf(MurderException.class)
                .hasMessageContaining("hook timeout must be positive");
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
