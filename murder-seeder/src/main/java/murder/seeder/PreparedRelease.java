package murder.seeder;

import java.nio.file.Path;
import murder.core.api.ReleaseManifest;

/** A release ready to publish: its manifest, its torrent and the tarball the torrent describes. */
public record PreparedRelease(ReleaseManifest manifest, byte[] torrent, Path tarball) {
}
