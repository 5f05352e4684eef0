package murder.core.torrent;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEMap;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import murder.core.MurderException;

/** The BitTorrent info-hash (SHA-1 of the bencoded {@code info} dictionary), as lowercase hex. */
public final class InfoHash {

    private InfoHash() {
    }

    public static String of(byte[] torrent) {
        BEMap info;
        try (BEParser parser = new BEParser(torrent)) {
            Object value = parser.readMap().getValue().get("info");
            if (!(value instanceof BEMap map)) {
                throw MurderException.badInput("torrent has no info dictionary");
            }
            info = map;
        } catch (MurderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MurderException(MurderException.Kind.BAD_INPUT, "not a valid torrent: " + e.getMessage(), e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(info.getContent()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
