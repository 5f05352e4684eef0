package murder.cli.deploy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import murder.core.MurderException;
import murder.core.api.DeploymentStatus;
import murder.core.api.ReleaseManifest;
import murder.core.torrent.InfoHash;
import murder.core.trust.DeployStatement;
import murder.core.trust.Envelope;
import murder.core.trust.StatementSigner;

/**
 * How {@code murder deploy} signs: with a release host's key (and whether this deploy is a deliberate rollback), or
 * explicitly not at all.
 *
 * @param signer the key to sign with; null for {@code --unsigned}
 * @param rollback the statement says the operator means to go back to an older release
 */
public record DeploySigning(StatementSigner signer, boolean rollback) {

    public DeploySigning {
        if (signer == null && rollback) {
            throw MurderException.badInput("--rollback is a signed statement: give --key too");
        }
    }

    public static DeploySigning unsigned() {
        return new DeploySigning(null, false);
    }

    public static DeploySigning with(StatementSigner signer, boolean rollback) {
        return new DeploySigning(Objects.requireNonNull(signer, "signer"), rollback);
    }

    public boolean signs() {
        return signer != null;
    }

    /**
     * Signs "run this tarball on {@code tag}". Size and SHA-256 are what this host computed, the info-hash is of the
     * torrent it seeds; only the file name and creation time come from the tracker's record (it keeps the first
     * registration, so a redeployed old release keeps its old creation time), and a record that disagrees with the
     * tarball here is refused.
     *
     * @param ours the manifest of the tarball packed here
     * @param stored the tracker's record of the release, as its registration answered
     * @param torrent the torrent this host seeds
     * @param recent the tracker's newest deployments, whose statements by this key set the version floor
     */
    public Envelope sign(ReleaseManifest ours, ReleaseManifest stored, byte[] torrent, String tag,
                         List<DeploymentStatus> recent, Clock clock) {
        if (stored.size() != ours.size() || !stored.sha256().equalsIgnoreCase(ours.sha256())) {
            throw new MurderException(MurderException.Kind.FAILED, "the tracker's record of release " + stored.id()
                    + " (sha256 " + stored.sha256() + ") is not the tarball packed here (sha256 " + ours.sha256()
                    + "): refusing to sign it; check the tracker");
        }
        ReleaseManifest signed = new ReleaseManifest(stored.id(), stored.fileName(), ours.size(), ours.sha256(),
                InfoHash.of(torrent), stored.pieceSize(), stored.createdAt());
        Instant now = clock.instant();
        return signer.sign(DeployStatement.of(signed, tag, nextVersion(now, tag, recent), rollback, now));
    }

    /**
     * Signs a release the tracker already has, for a redeploy or rollback without its tarball here. This host cannot
     * hash the tarball, so it vouches only for what this same key signed before: the tracker's record and torrent
     * must match an earlier statement of this key for the release (found among {@code recent}), else it refuses.
     */
    public Envelope signRegistered(ReleaseManifest stored, byte[] torrent, String tag, List<DeploymentStatus> recent,
                                   Clock clock) {
        DeployStatement earlier = recent.stream()
                .map(d -> d.deployment().signature())
                .filter(Objects::nonNull)
                .flatMap(e -> signer.ownStatement(e).stream())
                .filter(s -> s.releaseId().equals(stored.id()))
                .findFirst()
                .orElseThrow(() -> MurderException.badInput("key " + signer.keyid() + " signed no deployment of release "
                        + stored.id() + " among the tracker's newest deployments, so this host cannot vouch for the "
                        + "tracker's copy; deploy it from its tarball: murder deploy PATH --release " + stored.id()));
        String infoHash = InfoHash.of(torrent);
        if (earlier.size() != stored.size() || !earlier.sha256().equalsIgnoreCase(stored.sha256())
                || !earlier.infoHash().equalsIgnoreCase(infoHash)) {
            throw new MurderException(MurderException.Kind.FAILED, "the tracker's record of release " + stored.id()
                    + " (sha256 " + stored.sha256() + ", info-hash " + infoHash + ") is not what key " + signer.keyid()
                    + " signed before (sha256 " + earlier.sha256() + ", info-hash " + earlier.infoHash()
                    + "): refusing to sign it; check the tracker");
        }
        ReleaseManifest signed = new ReleaseManifest(stored.id(), earlier.fileName(), earlier.size(), earlier.sha256(),
                earlier.infoHash(), stored.pieceSize(), earlier.releaseCreatedAt());
        Instant now = clock.instant();
        return signer.sign(DeployStatement.of(signed, tag, nextVersion(now, tag, recent), rollback, now));
    }

    /**
     * The signing time in epoch milliseconds, or one more than the highest version this key already signed for the
     * tag if that is later (a clock that went back). Only statements this key signed count, so a tracker cannot
     * push the version up.
     */
    long nextVersion(Instant now, String tag, List<DeploymentStatus> recent) {
        long floor = recent.stream()
                .map(d -> d.deployment().signature())
                .filter(Objects::nonNull)
                .flatMap(e -> signer.ownStatement(e).stream())
                .filter(s -> s.tag().equals(tag))
                .mapToLong(DeployStatement::version)
                .max().orElse(0);
        return Math.max(now.toEpochMilli(), floor + 1);
    }
}
