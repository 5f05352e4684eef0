package murder.peer.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import murder.core.DirectoryTrees;
import murder.core.Names;
import murder.core.api.ReleaseManifest;
import murder.peer.activate.FileTrees;

/** The layout of the agent's data dir: {@code downloads/<id>/<file>}, {@code torrents/<id>.torrent}, the state. */
public final class DataDir {

    private final Path root;

    public DataDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path stateFile() {
        return root.resolve("agent-state.json");
    }

    /** The directory bt downloads a release into and seeds it from. */
    public Path downloadDir(String releaseId) {
        return root.resolve("downloads").resolve(Names.requireReleaseId(releaseId));
    }

    public Path tarball(ReleaseManifest release) {
        return downloadDir(release.id()).resolve(release.fileName());
    }

    public Path torrentFile(String releaseId) {
        return root.resolve("torrents").resolve(Names.requireReleaseId(releaseId) + ".torrent");
    }

    /** Creates the download directory of a release, failing with what to do if the data dir is not writable. */
    public Path prepareDownload(String releaseId) {
        FileTrees.requireWritableDirectory("data dir", root);
        Path dir = downloadDir(releaseId);
        FileTrees.requireWritableDirectory("download directory", dir);
        return dir;
    }

    /** Release ids that have a download directory. */
    public List<String> downloadedReleases() throws IOException {
        List<String> ids = new ArrayList<>();
        Path downloads = root.resolve("downloads");
        if (!Files.isDirectory(downloads)) {
            return ids;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(downloads)) {
            for (Path dir : dirs) {
                if (Names.isValid(dir.getFileName().toString())) {
                    ids.add(dir.getFileName().toString());
                }
            }
        }
        return ids;
    }

    /** Deletes a release's tarball and cached torrent (the caller stopped seeding it first). */
    public void forget(String releaseId) throws IOException {
        DirectoryTrees.deleteTree(downloadDir(releaseId));
        Files.deleteIfExists(torrentFile(releaseId));
    }
}
