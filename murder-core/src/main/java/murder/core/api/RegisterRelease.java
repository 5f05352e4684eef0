package murder.core.api;

/** Body of {@code POST /api/v1/releases}; the torrent travels base64-encoded in JSON. */
public record RegisterRelease(ReleaseManifest manifest, byte[] torrent) {
}
