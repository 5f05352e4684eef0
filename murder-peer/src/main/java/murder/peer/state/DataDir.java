package murder.peer.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import murder.core.DirectoryTrees;
import murder.core.Names;
import murder.core.api.ReleaseManifest;
import murder.core.torrent.InfoHash;
import murder.peer.activate.FileTrees;

/**
 * The layout of the agent's data dir: tarballs by content, {@code content/<info-hash>/<file>} (one copy however many
 * release ids name the same content), {@code torrents/<id>.torrent}, the state. Tarballs of older agents, in
 * {@code downloads/<id>/<file>}, are still seeded and cleaned up.
 */
public final class DataDir {

    private static final Pattern INFO_HASH = Pattern.compile("[0-9a-fA-F]{40}");

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

    /** Where older agents downloaded a release (by release id). */
    public Path downloadDir(String releaseId) {
        return root.resolve("downloads").resolve(Names.requireReleaseId(releaseId));
    }

    /** Where content with this info-hash is downloaded and seeded from. */
    public Path contentDir(String infoHash) {
        if (infoHash == null || !INFO_HASH.matcher(infoHash).matches()) {
            throw new IllegalArgumentException("not an info-hash: " + infoHash);
        }
        return root.resolve("content").resolve(infoHash.toLowerCase(Locale.ROOT));
    }

    /** The directory bt downloads a release into: by content, or by id for a manifest without an info-hash. */
    public Path downloadDir(ReleaseManifest release) {
        return release.infoHash() == null ? downloadDir(release.id()) : contentDir(release.infoHash());
    }

    /** The release's tarball: the content-addressed one, or one an older agent left by release id. */
    public Path tarball(ReleaseManifest release) {
        Path tarball = downloadDir(release).resolve(release.fileName());
        Path legacy = downloadDir(release.id()).resolve(release.fileName());
        return !Files.exists(tarball) && Files.exists(legacy) ? legacy : tarball;
    }

    public Path torrentFile(String releaseId) {
        return root.resolve("torrents").resolve(Names.requireReleaseId(releaseId) + ".torrent");
    }

    /**
     * Creates the download directory of a release, failing with what to do if the data dir is not writable. A
     * tarball (complete or partial) that an older agent left under the release id moves in, so the download resumes.
     */
    public Path prepareDownload(ReleaseManifest release) {
        FileTrees.requireWritableDirectory("data dir", root);
        Path dir = downloadDir(release);
        FileTrees.requireWritableDirectory("download directory", dir);
        Path legacy = downloadDir(release.id());
        if (!legacy.equals(dir) && Files.isRegularFile(legacy.resolve(release.fileName()))
                && !Files.exists(dir.resolve(release.fileName()))) {
            try {
                Files.move(legacy.resolve(release.fileName()), dir.resolve(release.fileName()),
                        StandardCopyOption.ATOMIC_MOVE);
                DirectoryTrees.deleteTree(legacy);
            } catch (IOException e) {
                throw FileTrees.cannotWrite("download directory", dir, e);
            }
        }
        return dir;
    }

    /** Info-hashes that have a content directory. */
    public List<String> contentHashes() throws IOException {
        List<String> hashes = new ArrayList<>();
        Path content = root.resolve("content");
        if (!Files.isDirectory(content)) {
            return hashes;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(content)) {
            for (Path dir : dirs) {
                if (INFO_HASH.matcher(dir.getFileName().toString()).matches()) {
                    hashes.add(dir.getFileName().toString());
                }
            }
        }
        return hashes;
    }

    /** Deletes the tarball of this content (the caller stopped seeding it first). */
    public void forgetContent(String infoHash) throws IOException {
        DirectoryTrees.deleteTree(contentDir(infoHash));
    }

    /** Release ids with a cached torrent. */
    public List<String> cachedTorrents() throws IOException {
        List<String> ids = new ArrayList<>();
        Path torrents = root.resolve("torrents");
        if (!Files.isDirectory(torrents)) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(torrents, "*.torrent")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".torrent".length());
                if (Names.isValid(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** The info-hash of a release's cached torrent, if it has a readable one. */
    public Optional<String> cachedInfoHash(String releaseId) {
        try {
            return Optional.of(InfoHash.of(Files.readAllBytes(torrentFile(releaseId))).toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
