package murder.peer.deploy;

import java.util.List;
import java.util.Optional;
import murder.core.api.DesiredRelease;
import murder.core.api.ReleaseManifest;
import murder.core.trust.DeployStatement;
import murder.core.trust.TrustPolicy;
import murder.core.trust.Verification;
import murder.peer.state.AgentState;
import murder.peer.state.AppliedRelease;

/**
 * Decides, before anything is downloaded, whether a deployment may run on this host: its statement must be signed by
 * a trusted key, meant for one of this host's tags, newer than the last one applied here, and marked as a rollback if
 * it goes back to an older release. The tracker is not trusted: what runs is what the statement says.
 */
public final class DeploymentTrust {

    /**
     * @param release what to run (the signed statement's values when signed), null when refused
     * @param version the statement's version (0 when accepted unsigned)
     * @param refusal why not, saying what to do (null when trusted)
     */
    public record Decision(ReleaseManifest release, long version, String refusal) {

        static Decision trust(ReleaseManifest release, long version) {
            return new Decision(release, version, null);
        }

        static Decision refuse(String reason) {
            return new Decision(null, 0, reason);
        }

        public boolean trusted() {
            return refusal == null;
        }
    }

    private final TrustPolicy policy;
    private final List<String> tags;

    public DeploymentTrust(TrustPolicy policy, List<String> tags) {
        this.policy = policy;
        this.tags = List.copyOf(tags);
    }

    /**
     * @param state this agent's state (the last applied version and release)
     * @param current the release {@code current} points to now
     */
    public Decision check(DesiredRelease desired, AgentState state, Optional<String> current) {
        if (desired.signature() == null && policy.allowUnsigned()) {
            return Decision.trust(desired.release(), 0);
        }
        if (policy.keys().isEmpty() && policy.allowUnsigned()) {
            return Decision.trust(desired.release(), 0); // lab mode without keys: nothing to check a signature with
        }
        Verification verification = policy.keys().verify(desired.signature());
        if (!verification.ok()) {
            return Decision.refuse(verification.refusal());
        }
        DeployStatement statement = verification.statement();
        if (!tags.contains(statement.tag())) {
            return Decision.refuse("the statement is signed for tag " + statement.tag() + " but this host has tags "
                    + tags + ": the tracker handed it to the wrong hosts; deploy to one of this host's tags");
        }
        AppliedRelease applied = state.applied();
        if (applied != null && statement.version() <= applied.version()) {
            if (statement.version() == applied.version() && current.equals(Optional.of(statement.releaseId()))) {
                return trusted(desired, statement); // the statement already applied, delivered again (a restart)
            }
            return Decision.refuse("replayed or out-of-date statement: version " + statement.version() + " <= "
                    + applied.version() + ", the version of the deployment this host last applied (release "
                    + applied.releaseId() + "); run `murder deploy` again to sign a new one (if this repeats, check "
                    + "the release host's clock)");
        }
        if (applied != null && applied.releaseCreatedAt() != null && !statement.rollback()
                && !statement.releaseId().equals(applied.releaseId())
                && statement.releaseCreatedAt().isBefore(applied.releaseCreatedAt())) {
            return Decision.refuse("release " + statement.releaseId() + " (created " + statement.releaseCreatedAt()
                    + ") is older than the active release " + applied.releaseId() + " (created "
                    + applied.releaseCreatedAt() + "): to go back to it, deploy with --rollback");
        }
        return trusted(desired, statement);
    }

    private static Decision trusted(DesiredRelease desired, DeployStatement statement) {
        int pieceSize = desired.release() == null ? 0 : desired.release().pieceSize(); // not acted on by the agent
        return Decision.trust(statement.manifest(pieceSize), statement.version());
    }
}
