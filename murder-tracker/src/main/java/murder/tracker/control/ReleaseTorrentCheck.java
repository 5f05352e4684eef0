package murder.tracker.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.util.Map;
import murder.core.MurderException;
import murder.core.api.ReleaseManifest;

/**
 * What a registered torrent must be: the single file the manifest describes, nothing else. An agent's
 * BitTorrent client writes where the torrent says, so a torrent naming {@code ../x}, an absolute path or a list
 * of files must never reach one; the piece layout is checked too, so a torrent whose pieces cannot cover the
 * file is refused here rather than stalling every agent's download.
 */
final class ReleaseTorrentCheck {

    static final int MIN_PIECE = 16 * 1024;
    static final int MAX_PIECE = 16 * 1024 * 1024;
    private static final int SHA1_LENGTH = 20;

    private ReleaseTorrentCheck() {
    }

    /** Checks the manifest's own piece size, before there is any torrent to compare it with. */
    static void checkPieceSize(ReleaseManifest m) {
        if (!isSanePieceLength(m.pieceSize())) {
            throw refuse(m, "the manifest's pieceSize", m.pieceSize(),
                    "a power of two from " + MIN_PIECE + " to " + MAX_PIECE);
        }
    }

    static void check(ReleaseManifest m, byte[] torrent) {
        Map<String, BEObject<?>> info = info(m, torrent);
        if (info.containsKey("files")) {
            throw refuse(m, "info.files", "a list of " + describe(info.get("files")),
                    "absent: a release torrent carries exactly one file, the tarball");
        }
        String name = text(m, info, "name");
        requireSafeName(m, "info.name", name);
        if (info.containsKey("name.utf-8")) {
            requireSafeName(m, "info.name.utf-8", text(m, info, "name.utf-8"));
        }
        long length = number(m, info, "length");
        if (length != m.size()) {
            throw refuse(m, "info.length", length, m.size() + " (the manifest's size)");
        }
        long pieceLength = number(m, info, "piece length");
        if (!isSanePieceLength(pieceLength)) {
            throw refuse(m, "info.piece length", pieceLength, "a power of two from " + MIN_PIECE + " to " + MAX_PIECE);
        }
        if (pieceLength != m.pieceSize()) {
            throw refuse(m, "info.piece length", pieceLength, m.pieceSize() + " (the manifest's pieceSize)");
        }
        long pieces = bytes(m, info, "pieces").length;
        long expected = SHA1_LENGTH * ((length + pieceLength - 1) / pieceLength);
        if (pieces != expected) {
            throw refuse(m, "info.pieces", pieces + " bytes", expected + " bytes (20 per piece of " + pieceLength
                    + " bytes in " + length + " bytes)");
        }
    }

    private static void requireSafeName(ReleaseManifest m, String field, String name) {
        if (!name.equals(m.fileName())) {
            throw refuse(m, field, "'" + name + "'", "'" + m.fileName() + "' (the manifest's fileName)");
        }
        // the manifest's name was checked already; this keeps the rule even if that check ever loosens
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.indexOf(0) >= 0) {
            throw refuse(m, field, "'" + name + "'", "a plain file name without path separators or '..'");
        }
    }

    private static boolean isSanePieceLength(long n) {
        return n >= MIN_PIECE && n <= MAX_PIECE && Long.bitCount(n) == 1;
    }

    private static Map<String, BEObject<?>> info(ReleaseManifest m, byte[] torrent) {
        try (BEParser parser = new BEParser(torrent)) {
            if (parser.readMap().getValue().get("info") instanceof BEMap info) {
                return info.getValue();
            }
        } catch (RuntimeException e) {
            throw new MurderException(MurderException.Kind.BAD_INPUT, "the torrent of release " + m.id()
                    + " is not valid bencoding: " + e.getMessage(), e);
        }
        throw refuse(m, "info", "missing", "a dictionary");
    }

    private static String text(ReleaseManifest m, Map<String, BEObject<?>> info, String key) {
        return new String(bytes(m, info, key), UTF_8);
    }

    private static byte[] bytes(ReleaseManifest m, Map<String, BEObject<?>> info, String key) {
        if (info.get(key) instanceof BEString s) {
            return s.getValue();
        }
        throw refuse(m, "info." + key, describe(info.get(key)), "a byte string");
    }

    private static long number(ReleaseManifest m, Map<String, BEObject<?>> info, String key) {
        if (info.get(key) instanceof BEInteger i) {
            try {
                return i.longValueExact();
            } catch (ArithmeticException e) {
                throw refuse(m, "info." + key, i.getValue(), "a whole number that fits 64 bits");
            }
        }
        throw refuse(m, "info." + key, describe(info.get(key)), "an integer");
    }

    private static String describe(BEObject<?> value) {
        return value == null ? "missing" : value.getType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static MurderException refuse(ReleaseManifest m, String field, Object value, String expected) {
        return MurderException.badInput("release " + m.id() + " is refused: " + field + " is " + value
                + ", expected " + expected + "; register the torrent `murder deploy` makes for this tarball");
    }
}
