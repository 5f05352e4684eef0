package murder.core.trust;

import java.time.Instant;
import murder.core.api.ReleaseManifest;

/**
 * What a release host signs per {@code murder deploy}: run this exact tarball on the hosts with this tag. The
 * payload of the {@link Envelope} is this record's JSON bytes; agents take every value they act on from here, not
 * from the (untrusted) tracker.
 *
 * @param releaseId the release to run
 * @param fileName the tarball's file name in the torrent
 * @param size the tarball's size in bytes
 * @param sha256 the tarball's SHA-256 (hex)
 * @param infoHash the info-hash (hex) of the torrent that carries the tarball
 * @param releaseCreatedAt when the release was registered; a statement for an older release than the one a host
 *                         runs must say {@code rollback}
 * @param tag the hosts it is meant for
 * @param version strictly increasing per signer (signing time in epoch milliseconds, see docs/SIGNING.md); a host
 *                refuses any version not above the one it last applied
 * @param rollback true if the signer means to go back to an older release
 * @param signedAt when it was signed (informational)
 */
public record DeployStatement(String releaseId, String fileName, long size, String sha256, String infoHash,
                              Instant releaseCreatedAt, String tag, long version, boolean rollback,
                              Instant signedAt) {

    /** The statement for deploying {@code release} to {@code tag}. */
    public static DeployStatement of(ReleaseManifest release, String tag, long version, boolean rollback,
                                     Instant signedAt) {
        return new DeployStatement(release.id(), release.fileName(), release.size(), release.sha256(),
                release.infoHash(), release.createdAt(), tag, version, rollback, signedAt);
    }

    /** What is missing or impossible in a parsed statement, or null if it is complete. */
    public String incomplete() {
        if (releaseId == null || fileName == null || sha256 == null || infoHash == null || tag == null
                || releaseCreatedAt == null) {
            return "the signed statement lacks a release id, file name, sha256, info-hash, tag or creation time";
        }
        if (size < 0 || version <= 0) {
            return "the signed statement has a negative size or a version that is not positive";
        }
        return null;
    }

    /** The manifest an agent acts on: every field from this statement, the piece size from the tracker's copy. */
    public ReleaseManifest manifest(int pieceSize) {
        return new ReleaseManifest(releaseId, fileName, size, sha256, infoHash, pieceSize, releaseCreatedAt);
    }
}
