package murder.core.wire;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import murder.core.MurderException;

/**
 * What the wire engine needs of a single-file torrent (every release is one tarball): its name, length, piece
 * length, piece hashes, info-hash and announce URL.
 */
public record Metainfo(String name, long length, int pieceLength, byte[] pieceHashes, byte[] infoHash,
                       String announce) {

    public static Metainfo parse(byte[] torrent) {
        try (BEParser parser = new BEParser(torrent)) {
            Map<String, ?> root = parser.readMap().getValue();
            if (!(root.get("info") instanceof BEMap infoMap)) {
                throw MurderException.badInput("torrent has no info dictionary");
            }
            Map<String, ?> info = infoMap.getValue();
            if (info.containsKey("files")) {
                throw MurderException.badInput("torrent holds several files; a release is one tarball");
            }
            String name = text(info, "name");
            long length = number(info, "length");
            long pieceLength = number(info, "piece length");
            byte[] pieces = bytes(info, "pieces");
            String announce = root.get("announce") instanceof BEString s ? new String(s.getValue(), StandardCharsets.UTF_8) : null;
            if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
                throw MurderException.badInput("torrent names the file '" + name + "', which is not a plain file name");
            }
            if (pieceLength <= 0 || pieceLength > 64L * 1024 * 1024 || length < 0) {
                throw MurderException.badInput("torrent has piece length " + pieceLength + " and length " + length);
            }
            long count = (length + pieceLength - 1) / pieceLength;
            if (pieces.length != count * 20) {
                throw MurderException.badInput("torrent has " + pieces.length / 20 + " piece hashes for " + count
                        + " pieces");
            }
            return new Metainfo(name, length, (int) pieceLength, pieces, sha1(infoMap.getContent()), announce);
        } catch (MurderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MurderException(MurderException.Kind.BAD_INPUT, "not a valid torrent: " + e.getMessage(), e);
        }
    }

    public int pieceCount() {
        return pieceHashes.length / 20;
    }

    public int pieceSize(int piece) {
        long start = (long) piece * pieceLength;
        return (int) Math.min(pieceLength, length - start);
    }

    public long offset(int piece) {
        return (long) piece * pieceLength;
    }

    public String infoHashHex() {
        return HexFormat.of().formatHex(infoHash);
    }

    private static String text(Map<String, ?> map, String key) {
        return new String(bytes(map, key), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Map<String, ?> map, String key) {
        if (map.get(key) instanceof BEString s) {
            return s.getValue();
        }
        throw MurderException.badInput("torrent has no '" + key + "' string");
    }

    private static long number(Map<String, ?> map, String key) {
        if (map.get(key) instanceof BEInteger i) {
            return i.longValueExact();
        }
        throw MurderException.badInput("torrent has no '" + key + "' number");
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
