package murder.tracker.control;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.Names;
import murder.core.api.RegisterRelease;
import murder.core.api.ReleaseManifest;
import murder.core.torrent.InfoHash;
import murder.tracker.store.ReleaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered releases. Also answers "is this info-hash ours?" for every announce, from memory, so the
 * BitTorrent side never waits on the database.
 */
public final class ReleaseService {

    private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

    /** The outcome of a registration: {@code created} is false when the same release was already there. */
    public record Registered(ReleaseManifest manifest, boolean created) {
    }

    private final ReleaseStore store;
    private final Clock clock;
    private final Set<String> trackedHashes = ConcurrentHashMap.newKeySet();

    public ReleaseService(ReleaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        trackedHashes.addAll(store.infoHashes());
    }

    public Registered register(RegisterRelease request) {
        ReleaseManifest manifest = validate(request);
        var existing = store.insertIfAbsent(manifest, request.torrent());
        if (existing.isEmpty()) {
            trackedHashes.add(manifest.infoHash());
            log.info("release {} registered: {} ({} bytes, sha256 {}, info-hash {})", manifest.id(),
                    manifest.fileName(), manifest.size(), manifest.sha256(), manifest.infoHash());
            return new Registered(manifest, true);
        }
        ReleaseManifest stored = existing.get();
        if (!stored.sha256().equals(manifest.sha256())) {
            throw new MurderException(Kind.CONFLICT, "release " + manifest.id() + " is already registered with other "
                    + "content (sha256 " + stored.sha256() + ", not " + manifest.sha256()
                    + "): release ids are immutable, publish under a new id");
        }
        // same content again (e.g. a retried publish): the first registration and its torrent stay
        return new Registered(stored, false);
    }

    public ReleaseManifest get(String id) {
        return store.find(Names.requireReleaseId(id)).orElseThrow(() -> unknown(id));
    }

    public byte[] torrent(String id) {
        return store.torrent(Names.requireReleaseId(id)).orElseThrow(() -> unknown(id));
    }

    public List<ReleaseManifest> list() {
        return store.all();
    }

    public boolean isTracked(String infoHashHex) {
        return trackedHashes.contains(infoHashHex);
    }

    private ReleaseManifest validate(RegisterRelease request) {
        ReleaseManifest m = request.manifest();
        if (m == null || request.torrent() == null || request.torrent().length == 0) {
            throw MurderException.badInput("a release needs both a manifest and a torrent");
        }
        Names.requireReleaseId(m.id());
        if (!Names.isValid(m.fileName())) {
            throw MurderException.badInput("invalid file name '" + m.fileName() + "' in release " + m.id()
                    + ": use 1 to 128 of the characters A-Z a-z 0-9 . _ -");
        }
        if (m.sha256() == null || !SHA256.matcher(m.sha256()).matches()) {
            throw MurderException.badInput("release " + m.id() + " has no valid sha256 (64 hex digits): " + m.sha256());
        }
        if (m.infoHash() == null || !SHA1.matcher(m.infoHash()).matches()) {
            throw MurderException.badInput("release " + m.id() + " has no valid infoHash (40 hex digits): " + m.infoHash());
        }
        if (m.size() < 0 || m.pieceSize() <= 0) {
            throw MurderException.badInput("release " + m.id() + " has an invalid size or piece size");
        }
        ReleaseTorrentCheck.checkPieceSize(m);
        String infoHash = m.infoHash().toLowerCase(Locale.ROOT);
        String actual = InfoHash.of(request.torrent());
        if (!actual.equals(infoHash)) {
            throw MurderException.badInput("the torrent of release " + m.id() + " has info-hash " + actual
                    + " but the manifest says " + infoHash + ": register the torrent made for this manifest");
        }
        ReleaseTorrentCheck.check(m, request.torrent());
        return new ReleaseManifest(m.id(), m.fileName(), m.size(), m.sha256().toLowerCase(Locale.ROOT), infoHash,
                m.pieceSize(), m.createdAt() != null ? m.createdAt() : clock.instant());
    }

    private static MurderException unknown(String id) {
        return new MurderException(Kind.NOT_FOUND, "unknown release " + id + ": see `murder status` for the releases");
    }
}
