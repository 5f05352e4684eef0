package murder.peer.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;

/**
 * What the agent must remember across restarts (persisted as {@code <data-dir>/agent-state.json}).
 *
 * @param lastDeploymentId the last deployment the agent worked on (0: none yet)
 * @param release that deployment's release
 * @param outcome where that deployment got to (a non-terminal phase means it was interrupted)
 * @param reason why it failed, if it did
 * @param activations release ids in the order they were last activated, oldest first (drives retention)
 * @param staged releases the agent unpacked completely, by id, with the SHA-256 of their tarball
 * @param applied the release activated last with the signed version that brought it (null: none yet, or a state
 *                file from before signing)
 */
public record AgentState(long lastDeploymentId, ReleaseManifest release, HostPhase outcome, String reason,
                         List<String> activations, Map<String, String> staged, AppliedRelease applied) {

    /** Enough history for any sane retention; keeps the file small on long-lived hosts. */
    static final int MAX_ACTIVATIONS = 100;

    public AgentState {
        activations = activations == null ? List.of() : List.copyOf(activations);
        staged = staged == null ? Map.of() : Map.copyOf(staged);
    }

    public static AgentState empty() {
        return new AgentState(0, null, null, null, List.of(), Map.of(), null);
    }

    public AgentState withDeployment(long deploymentId, ReleaseManifest release, HostPhase outcome, String reason) {
        return new AgentState(deploymentId, release, outcome, reason, activations, staged, applied);
    }

    public AgentState withOutcome(HostPhase outcome, String reason) {
        return new AgentState(lastDeploymentId, release, outcome, reason, activations, staged, applied);
    }

    public AgentState withStaged(String releaseId, String sha256) {
        Map<String, String> next = new LinkedHashMap<>(staged);
        next.put(releaseId, sha256);
        return new AgentState(lastDeploymentId, release, outcome, reason, activations, next, applied);
    }

    public AgentState withActivation(String releaseId) {
        List<String> next = new ArrayList<>(activations);
        next.remove(releaseId);
        next.add(releaseId);
        while (next.size() > MAX_ACTIVATIONS) {
            next.remove(0);
        }
        return new AgentState(lastDeploymentId, release, outcome, reason, next, staged, applied);
    }

    /** Records an activation by a deployment statement of {@code version} (0 if unsigned). */
    public AgentState withApplied(AppliedRelease next) {
        return new AgentState(lastDeploymentId, release, outcome, reason, activations, staged, next.after(applied));
    }

    /** Forgets releases whose directories are gone. */
    public AgentState withoutReleases(Collection<String> releaseIds) {
        List<String> nextActivations = new ArrayList<>(activations);
        nextActivations.removeAll(releaseIds);
        Map<String, String> nextStaged = new LinkedHashMap<>(staged);
        releaseIds.forEach(nextStaged::remove);
        return new AgentState(lastDeploymentId, release, outcome, reason, nextActivations, nextStaged, applied);
    }

    public List<String> activationsNewestFirst() {
        List<String> reversed = new ArrayList<>(activations);
        Collections.reverse(reversed);
        return reversed;
    }

    /** True if {@code releases/<id>} was unpacked completely by this agent from a tarball with this hash. */
    public boolean isStaged(String releaseId, String sha256) {
        return sha256 != null && sha256.equalsIgnoreCase(staged.get(releaseId));
    }
}
