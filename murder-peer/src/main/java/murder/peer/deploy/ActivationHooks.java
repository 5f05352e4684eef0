package murder.peer.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import murder.core.MurderException;
import murder.peer.activate.CurrentLink;
import murder.peer.activate.DeployRoot;
import murder.peer.hooks.Hook;
import murder.peer.hooks.Hooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's hooks around one activation. After-stage runs before {@code current} moves: failing, it fails the
 * deployment and {@code current} stays. After-activate runs once {@code current} moved: failing, {@code current} is
 * swapped back to the previous release (and the hook runs again for it, so a restarted service runs the old code
 * again), and the deployment fails naming both.
 */
final class ActivationHooks {

    private static final Logger log = LoggerFactory.getLogger(ActivationHooks.class);

    private final Hooks hooks;
    private final DeployRoot root;
    private final CurrentLink currentLink;

    ActivationHooks(Hooks hooks, DeployRoot root, CurrentLink currentLink) {
        this.hooks = hooks;
        this.root = root;
        this.currentLink = currentLink;
    }

    /** Throws FAILED with the hook's exit and output if it fails; {@code current} is not touched. */
    void afterStage(long deploymentId, String releaseId, Optional<String> previous) {
        Optional<Hook> hook = hooks.afterStageHook();
        if (hook.isEmpty()) {
            return;
        }
        Hook.Result result = run(hook.get(), root.releaseDir(releaseId), deploymentId, releaseId, previous);
        if (!result.ok()) {
            throw new MurderException(MurderException.Kind.FAILED, "after-stage hook "
                    + result.describe(hook.get().timeout()) + "; current left at " + previous.orElse("nothing"));
        }
    }

    /**
     * Runs after {@code current} moved to {@code releaseId}.
     *
     * @return empty if it passed (or there is none), else the failure after rolling {@code current} back
     */
    Optional<String> afterActivate(long deploymentId, String releaseId, Optional<String> previous) {
        Optional<Hook> hook = hooks.afterActivateHook();
        if (hook.isEmpty()) {
            return Optional.empty();
        }
        Hook.Result result = run(hook.get(), root.root(), deploymentId, releaseId, previous);
        if (result.ok()) {
            return Optional.empty();
        }
        String failure = "after-activate hook " + result.describe(hook.get().timeout());
        if (previous.isEmpty()) {
            return Optional.of(failure + "; no previous release to roll back to, current stays at " + releaseId);
        }
        currentLink.swapTo(previous.get());
        log.warn("deployment {}: {}; rolled current back to {}", deploymentId, failure, previous.get());
        Hook.Result again = run(hook.get(), root.root(), deploymentId, previous.get(), Optional.of(releaseId));
        return Optional.of(failure + "; rolled back to " + previous.get() + (again.ok() ? ""
                : ", where the hook " + again.describe(hook.get().timeout()) + " too"));
    }

    private Hook.Result run(Hook hook, Path dir, long deploymentId, String releaseId, Optional<String> previous) {
        Map<String, String> env = new HashMap<>();
        env.put("MURDER_DEPLOY_ROOT", root.root().toString());
        env.put("MURDER_RELEASE_DIR", root.releaseDir(releaseId).toString());
        env.put("MURDER_DEPLOYMENT_ID", Long.toString(deploymentId));
        env.put("MURDER_RELEASE", releaseId);
        env.put("MURDER_PREVIOUS_RELEASE", previous.orElse(""));
        env.put("MURDER_HOOK", hook.name());
        long started = System.nanoTime();
        Hook.Result result = hook.run(dir, env);
        log.info("deployment {} release {}: {} hook {} in {} ms", deploymentId, releaseId, hook.name(),
                result.ok() ? "passed" : result.describe(hook.timeout()), (System.nanoTime() - started) / 1_000_000);
        return result;
    }
}
