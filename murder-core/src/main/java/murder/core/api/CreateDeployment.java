package murder.core.api;

/**
 * Body of {@code POST /api/v1/deployments}.
 *
 * @param timeoutSeconds how long the targets have to settle; a target still not ACTIVE, FAILED or REJECTED after
 *                       that is marked FAILED by the tracker. Null takes the tracker's default (30 min).
 */
public record CreateDeployment(String release, String tag, Long timeoutSeconds) {

    public CreateDeployment(String release, String tag) {
        this(release, tag, null);
    }
}
