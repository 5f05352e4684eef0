package murder.tracker.control;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who waits for a deployment to change (`murder deploy` long-polls its status): each watcher runs once, at the next
 * change of a host's phase in it or of the deployment itself. A change racing a watcher being added may be missed;
 * the watcher's own timeout then answers.
 */
final class DeploymentChanges {

    private final Map<Long, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** Runs {@code onChange} at the next change; the returned handle forgets it (a timeout, a closed connection). */
    Runnable watch(long deployment, Runnable onChange) {
        watchers.computeIfAbsent(deployment, id -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> watchers.computeIfPresent(deployment, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    void changed(long deployment) {
        Set<Runnable> due = watchers.remove(deployment);
        if (due != null) {
            due.forEach(Runnable::run);
        }
    }
}
