package murder.core.api;

import java.time.Instant;

/**
 * What a release is: the tarball's name, size and SHA-256, and the info-hash of the torrent that carries it.
 * Agents verify the downloaded tarball against {@code sha256} before they unpack it.
 */
public record ReleaseManifest(String id, String fileName, long size, String sha256, String infoHash,
                              int pieceSize, Instant createdAt) {
}
