package murder.tracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import murder.core.Sha256;
import murder.core.api.RegisterRelease;
import murder.core.api.ReleaseManifest;
import murder.core.torrent.TorrentFactory;

/** Real releases for tests: a small file, its sha256 and a real torrent made by core. */
public final class TestReleases {

    private TestReleases() {
    }

    public static RegisterRelease make(Path dir, String id, String content) throws IOException {
        Path file = Files.createDirectories(dir.resolve(id)).resolve(id + ".tar.gz");
        Files.writeString(file, content.repeat(1000), StandardCharsets.UTF_8);
        TorrentFactory.MadeTorrent torrent = TorrentFactory.make(file, "http://127.0.0.1:1/announce");
        ReleaseManifest manifest = new ReleaseManifest(id, file.getFileName().toString(), Files.size(file),
                Sha256.ofFile(file), torrent.infoHash(), torrent.pieceSize(), Instant.parse("2024-01-01T00:00:00Z"));
        return new RegisterRelease(manifest, torrent.bytes());
    }
}
