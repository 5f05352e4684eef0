package murder.peer.hooks;

import java.time.Duration;
import java.util.Optional;
import murder.core.MurderException;

/**
 * The operator's commands around an activation ({@code murder agent --after-stage/--after-activate}): after staging,
 * before {@code current} moves (a failure leaves {@code current} where it was), and after activation (a failure,
 * e.g. a health check, swaps {@code current} back to the previous release). Both run with the same timeout.
 *
 * @param afterStage  run in the staged release's directory; null for none
 * @param afterActivate run in the deploy root after {@code current} moved; null for none
 */
public record Hooks(String afterStage, String afterActivate, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Hooks {
        afterStage = blankToNull(afterStage);
        afterActivate = blankToNull(afterActivate);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw MurderException.badInput("hook timeout must be positive, got " + timeout);
        }
    }

    public static Hooks none() {
        return new Hooks(null, null, DEFAULT_TIMEOUT);
    }

    public Optional<Hook> afterStageHook() {
        return Optional.ofNullable(afterStage).map(c -> new Hook("after-stage", c, timeout));
    }

    public Optional<Hook> afterActivateHook() {
        return Optional.ofNullable(afterActivate).map(c -> new Hook("after-activate", c, timeout));
    }

    private static String blankToNull(String command) {
        return command == null || command.isBlank() ? null : command;
    }
}
