package murder.core.api;

import murder.core.trust.Envelope;

/**
 * Body of {@code POST /api/v1/deployments}.
 *
 * @param signature      the release host's signed deployment statement (DSSE), handed to agents verbatim; null when
 *                       deployed with {@code --unsigned}
 * @param timeoutSeconds how long the targets have to settle; a target still not ACTIVE, FAILED or REJECTED after
 *                       that is marked FAILED by the tracker. Null takes the tracker's default (30 min).
 */
public record CreateDeployment(String release, String tag, Envelope signature, Long timeoutSeconds) {

    public CreateDeployment(String release, String tag) {
        this(release, tag, null, null);
    }

    public CreateDeployment(String release, String tag, Envelope signature) {
        this(release, tag, signature, null);
    }
}
