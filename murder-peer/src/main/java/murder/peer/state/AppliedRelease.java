package murder.peer.state;

import java.time.Instant;

/**
 * The release this agent activated last and the signed version that brought it: the floor for the next deployment
 * (a statement must have a higher version, and an older release needs a rollback statement).
 *
 * @param releaseId the release activated
 * @param releaseCreatedAt when that release was created (from its signed statement, or the manifest if unsigned)
 * @param version the highest statement version this agent applied so far (0: none signed yet)
 */
public record AppliedRelease(String releaseId, Instant releaseCreatedAt, long version) {

    /** This activation on top of {@code previous}: the version never goes down, not even for an unsigned deploy. */
    public AppliedRelease after(AppliedRelease previous) {
        return previous == null || previous.version <= version ? this
                : new AppliedRelease(releaseId, releaseCreatedAt, previous.version);
    }
}
