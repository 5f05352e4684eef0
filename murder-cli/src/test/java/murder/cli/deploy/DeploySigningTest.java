package murder.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import murder.core.MurderException;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.ReleaseManifest;
import murder.core.json.Json;
import murder.core.torrent.InfoHash;
import murder.core.torrent.TorrentFactory;
import murder.core.trust.DeployStatement;
import murder.core.trust.Envelope;
import murder.core.trust.KeyFiles;
import murder.core.trust.StatementSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploySigningTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    StatementSigner mine;
    StatementSigner other;
    ReleaseManifest ours;
    byte[] torrent;

    @BeforeEach
    void setUp() throws Exception {
        mine = StatementSigner.load(KeyFiles.generate(tmp.resolve("mine")).privateKey());
        other = StatementSigner.load(KeyFiles.generate(tmp.resolve("other")).privateKey());
        Path tarball = Files.writeString(tmp.resolve("r1.tar.gz"), "tarball bytes");
        TorrentFactory.MadeTorrent made = TorrentFactory.make(tarball, "http://127.0.0.1:1/announce");
        torrent = made.bytes();
        ours = new ReleaseManifest("r1", "r1.tar.gz", 13, "ab".repeat(32), made.infoHash(), made.pieceSize(), NOW);
    }

    private static DeploymentStatus deployed(Envelope signature) {
        return new DeploymentStatus(new Deployment(1, "r1", "web", NOW, List.of("h1"), signature), List.of());
    }

    private static DeployStatement statement(Envelope envelope) {
        return Json.read(Base64.getDecoder().decode(envelope.payload()), DeployStatement.class);
    }

    @Test
    void signsWhatThisHostPackedWithTheTrackersCreationTime() {
        ReleaseManifest stored = new ReleaseManifest("r1", "first-name.tar.gz", 13, ours.sha256(), "0".repeat(40),
                ours.pieceSize(), Instant.parse("2025-01-01T00:00:00Z"));

        DeployStatement signed = statement(DeploySigning.with(mine, true).sign(ours, stored, torrent, "web",
                List.of(), CLOCK));

        assertThat(signed.fileName()).isEqualTo("first-name.tar.gz");
        assertThat(signed.releaseCreatedAt()).isEqualTo(stored.createdAt());
        assertThat(signed.sha256()).isEqualTo(ours.sha256());
        assertThat(signed.infoHash()).isEqualTo(InfoHash.of(torrent));
        assertThat(signed.version()).isEqualTo(NOW.toEpochMilli());
        assertThat(signed.rollback()).isTrue();
        assertThat(signed.tag()).isEqualTo("web");
    }

    @Test
    void refusesToSignATrackerRecordOfOtherContent() {
        ReleaseManifest stored = new ReleaseManifest("r1", "r1.tar.gz", 13, "cd".repeat(32), ours.infoHash(),
                ours.pieceSize(), NOW);
        assertThatThrownBy(() -> DeploySigning.with(mine, false).sign(ours, stored, torrent, "web", List.of(), CLOCK))
                .isInstanceOf(MurderException.class).hasMessageContaining("refusing to sign");
    }

    @Test
    void theVersionStaysAboveThisKeysEarlierStatementsForTheTagOnly() {
        long ahead = NOW.toEpochMilli() + 60_000; // signed from a host whose clock ran a minute ahead
        Envelope earlier = mine.sign(DeployStatement.of(ours, "web", ahead, false, NOW));
        Envelope otherTag = mine.sign(DeployStatement.of(ours, "db", ahead + 5, false, NOW));
        Envelope byOtherKey = other.sign(DeployStatement.of(ours, "web", Long.MAX_VALUE - 1, false, NOW));
        DeploySigning signing = DeploySigning.with(mine, false);

        assertThat(signing.nextVersion(NOW, "web", List.of(deployed(earlier), deployed(otherTag), deployed(byOtherKey),
                deployed(null)))).isEqualTo(ahead + 1);
        assertThat(signing.nextVersion(NOW, "api", List.of(deployed(earlier)))).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aRollbackMustBeSigned() {
        assertThatThrownBy(() -> new DeploySigning(null, true)).hasMessageContaining("--key");
        assertThat(DeploySigning.unsigned().signs()).isFalse();
    }

    @Test
    void aRegisteredReleaseIsSignedOnlyAsThisKeySignedItBefore() {
        ReleaseManifest stored = new ReleaseManifest("r1", "r1.tar.gz", 13, ours.sha256(), ours.infoHash(),
                ours.pieceSize(), Instant.parse("2025-01-01T00:00:00Z"));
        Envelope earlier = mine.sign(DeployStatement.of(stored, "web", 100, false, NOW));
        DeploySigning rollback = DeploySigning.with(mine, true);

        DeployStatement signed = statement(rollback.signRegistered(stored, torrent, "web", List.of(deployed(earlier)),
                CLOCK));

        assertThat(signed.sha256()).isEqualTo(ours.sha256());
        assertThat(signed.infoHash()).isEqualTo(InfoHash.of(torrent));
        assertThat(signed.rollback()).isTrue();
        assertThat(signed.version()).isEqualTo(NOW.toEpochMilli());
        assertThat(signed.releaseCreatedAt()).isEqualTo(stored.createdAt());

        // no earlier statement of this key (another key's does not count): it cannot vouch for the tracker's copy
        Envelope byOther = other.sign(DeployStatement.of(stored, "web", 100, false, NOW));
        assertThatThrownBy(() -> rollback.signRegistered(stored, torrent, "web", List.of(deployed(byOther)), CLOCK))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("signed no deployment of release r1").hasMessageContaining("murder deploy PATH");
        // a tracker whose record changed since is refused
        ReleaseManifest altered = new ReleaseManifest("r1", "r1.tar.gz", 13, "cd".repeat(32), ours.infoHash(),
                ours.pieceSize(), stored.createdAt());
        assertThatThrownBy(() -> rollback.signRegistered(altered, torrent, "web", List.of(deployed(earlier)), CLOCK))
                .isInstanceOf(MurderException.class).hasMessageContaining("refusing to sign");
    }
}
