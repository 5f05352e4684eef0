package murder.tracker.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import murder.core.MurderException.Kind;
import murder.core.MurderException;
import murder.core.api.ReleaseManifest;
import murder.core.client.TrackerClient;
import murder.core.torrent.InfoHash;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.announce.Bencode;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registration refuses torrents that are not exactly the manifest's one file, over a real socket. Each torrent
 * is hand-made and its manifest carries the torrent's real info-hash, so only the check under test can refuse it.
 */
class TorrentValidationTest {

    private static final int PIECE = 256 * 1024;
    private static final long SIZE = 3L * PIECE + 1;

    @TempDir
    Path dataDir;

    private TrackerDaemon tracker;
    private TrackerClient client;

    @BeforeEach
    void start() {
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.NO_AUTH));
        client = new TrackerClient(tracker.url());
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void acceptsTheSingleFileTorrentTheManifestDescribes() {
        byte[] torrent = torrent(info -> { });

        assertThat(client.registerRelease(manifest(torrent, PIECE), torrent).id()).isEqualTo("r1");
    }

    @Test
    void refusesAMultiFileTorrent() {
        refused(info -> {
            info.remove("length");
            info.put("files", List.of(Map.of("length", SIZE, "path", List.of("r1.tar.gz"))));
        }, "info.files is a list of list, expected absent");
    }

    @Test
    void refusesNamesThatAreNotTheTarball() {
        refused(info -> info.put("name", "../x"), "info.name is '../x', expected 'r1.tar.gz'");
        refused(info -> info.put("name", "/etc/cron.d/x"), "info.name is '/etc/cron.d/x', expected 'r1.tar.gz'");
        refused(info -> info.put("name", "r2.tar.gz"), "info.name is 'r2.tar.gz', expected 'r1.tar.gz'");
        refused(info -> info.put("name.utf-8", "../r1.tar.gz"), "info.name.utf-8 is '../r1.tar.gz'");
        refused(info -> info.remove("name"), "info.name is missing, expected a byte string");
    }

    @Test
    void refusesALengthOtherThanTheManifestSize() {
        refused(info -> info.put("length", SIZE + 1), "info.length is " + (SIZE + 1) + ", expected " + SIZE);
    }

    @Test
    void refusesBadPieceLengths() {
        refused(info -> info.put("piece length", PIECE + 1), "info.piece length is " + (PIECE + 1)
                + ", expected a power of two from 16384 to 16777216");
        refused(info -> info.put("piece length", 8 * 1024), "info.piece length is 8192");
        refused(info -> info.put("piece length", 32 * 1024 * 1024), "info.piece length is 33554432");
        byte[] torrent = torrent(info -> { });
        assertRefused(() -> client.registerRelease(manifest(torrent, PIECE * 2), torrent),
                "info.piece length is 262144, expected 524288 (the manifest's pieceSize)");
        assertRefused(() -> client.registerRelease(manifest(torrent, 1000), torrent),
                "the manifest's pieceSize is 1000, expected a power of two");
    }

    @Test
    void refusesPiecesThatDoNotCoverTheFile() {
        refused(info -> info.put("pieces", new byte[20 * 3]), "info.pieces is 60 bytes, expected 80 bytes");
        refused(info -> info.put("pieces", new byte[20 * 4 + 1]), "info.pieces is 81 bytes, expected 80 bytes");
    }

    @Test
    void refusesATorrentThatIsNotBencoding() {
        assertRefused(() -> client.registerRelease(new ReleaseManifest("r1", "r1.tar.gz", SIZE, "a".repeat(64),
                "0".repeat(40), PIECE, Instant.EPOCH), "d4:infoi1ee".getBytes()), "torrent has no info dictionary");
    }

    private void refused(Consumer<Map<String, Object>> spoil, String expected) {
        byte[] torrent = torrent(spoil);
        assertRefused(() -> client.registerRelease(manifest(torrent, PIECE), torrent), expected);
        assertThat(client.status().releases()).isEmpty();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String expected) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(MurderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_INPUT))
                .hasMessageContaining(expected);
    }

    /** A valid single-file torrent for a {@link #SIZE}-byte r1.tar.gz, changed by {@code spoil}. */
    private static byte[] torrent(Consumer<Map<String, Object>> spoil) {
        Map<String, Object> info = new HashMap<>();
        info.put("name", "r1.tar.gz");
        info.put("length", SIZE);
        info.put("piece length", PIECE);
        info.put("pieces", new byte[20 * 4]);
        info.put("private", 1);
        spoil.accept(info);
        return Bencode.encode(Map.of("announce", "http://127.0.0.1:1/announce", "info", info));
    }

    private static ReleaseManifest manifest(byte[] torrent, int pieceSize) {
        return new ReleaseManifest("r1", "r1.tar.gz", SIZE, "a".repeat(64), InfoHash.of(torrent), pieceSize,
                Instant.parse("2024-01-01T00:00:00Z"));
    }
}
