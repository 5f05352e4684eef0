package murder.core.api;

import murder.core.trust.Envelope;

/**
 * Answer of the agent long-poll: the newest deployment for one of the agent's tags.
 *
 * @param signature the deployment's signed statement exactly as the release host posted it (null if unsigned);
 *                  agents act on the statement, not on {@code release}
 * @param cancelled a deployer cancelled the deployment: agents start nothing of it and abandon it if it runs (a
 *                  cancel only stops work, so it needs no signature)
 */
public record DesiredRelease(long deploymentId, ReleaseManifest release, Envelope signature, boolean cancelled) {

    public DesiredRelease(long deploymentId, ReleaseManifest release, Envelope signature) {
        this(deploymentId, release, signature, false);
    }

    public DesiredRelease(long deploymentId, ReleaseManifest release) {
        this(deploymentId, release, null, false);
    }
}
