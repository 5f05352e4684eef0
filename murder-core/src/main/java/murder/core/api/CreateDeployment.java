package murder.core.api;

import murder.core.trust.Envelope;

/**
 * Body of {@code POST /api/v1/deployments}.
 *
 * @param signature the release host's signed deployment statement (DSSE), handed to agents verbatim; null when
 *                  deployed with {@code --unsigned}
 */
public record CreateDeployment(String release, String tag, Envelope signature) {

    public CreateDeployment(String release, String tag) {
        this(release, tag, null);
    }
}
