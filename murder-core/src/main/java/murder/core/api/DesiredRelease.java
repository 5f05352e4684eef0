package murder.core.api;

import murder.core.trust.Envelope;

/**
 * Answer of the agent long-poll: the newest deployment for one of the agent's tags.
 *
 * @param signature the deployment's signed statement exactly as the release host posted it (null if unsigned);
 *                  agents act on the statement, not on {@code release}
 */
public record DesiredRelease(long deploymentId, ReleaseManifest release, Envelope signature) {

    public DesiredRelease(long deploymentId, ReleaseManifest release) {
        this(deploymentId, release, null);
    }
}
