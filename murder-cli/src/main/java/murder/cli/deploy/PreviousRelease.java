package murder.cli.deploy;

import java.util.List;
import java.util.Optional;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;

/**
 * Which release {@code murder rollback} goes back to when not told: the release of the tag's newest deployment that
 * some host ran (ACTIVE) before the one it runs now. Only the deployments the tracker lists are looked at.
 */
final class PreviousRelease {

    private PreviousRelease() {
    }

    /** @param recent deployments, newest first */
    static Optional<String> of(String tag, List<DeploymentStatus> recent) {
        List<String> ran = ran(tag, recent);
        return ran.stream().filter(r -> !r.equals(ran.get(0))).findFirst();
    }

    /** The release the tag's newest deployment that reached ACTIVE somewhere runs, if any. */
    static Optional<String> current(String tag, List<DeploymentStatus> recent) {
        return ran(tag, recent).stream().findFirst();
    }

    /** The releases of the tag's deployments that some host ran (ACTIVE), newest first. */
    private static List<String> ran(String tag, List<DeploymentStatus> recent) {
        return recent.stream()
                .filter(d -> d.deployment().tag().equals(tag))
                .filter(d -> d.hosts().stream().anyMatch(h -> h.state() == HostPhase.ACTIVE))
                .map(d -> d.deployment().release())
                .toList();
    }
}
