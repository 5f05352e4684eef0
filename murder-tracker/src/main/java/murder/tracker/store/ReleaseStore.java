package murder.tracker.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import murder.core.api.ReleaseManifest;
import murder.core.json.Json;

/** Registered releases: the manifest (as JSON) and the torrent bytes. */
public final class ReleaseStore {

    private final Db db;

    ReleaseStore(Db db) {
        this.db = db;
    }

    /** Stores the release unless its id exists; returns the existing manifest in that case, atomically. */
    public Optional<ReleaseManifest> insertIfAbsent(ReleaseManifest manifest, byte[] torrent) {
        return db.transaction(c -> {
            Optional<ReleaseManifest> existing = find(manifest.id());
            if (existing.isPresent()) {
                return existing;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO releases (id, manifest, torrent, info_hash) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, manifest.id());
                ps.setString(2, new String(Json.write(manifest), UTF_8));
                ps.setBytes(3, torrent);
                ps.setString(4, manifest.infoHash());
                ps.executeUpdate();
            }
            return Optional.empty();
        });
    }

    public Optional<ReleaseManifest> find(String id) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT manifest FROM releases WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(manifest(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    public Optional<byte[]> torrent(String id) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT torrent FROM releases WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** All releases in the order they were registered. */
    public List<ReleaseManifest> all() {
        return db.call(c -> {
            List<ReleaseManifest> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT manifest FROM releases ORDER BY rowid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(manifest(rs.getString(1)));
                }
            }
            return out;
        });
    }

    public List<String> infoHashes() {
        return db.call(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT info_hash FROM releases");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static ReleaseManifest manifest(String json) {
        return Json.read(json.getBytes(UTF_8), ReleaseManifest.class);
    }
}
