package murder.tracker.announce;

import java.util.HexFormat;

/** Builds announce query strings the way clients do: binary values fully percent-encoded. */
final class Queries {

    private Queries() {
    }

    static String pct(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return out.toString();
    }

    static byte[] peerId(int n) {
        byte[] id = new byte[20];
        id[0] = (byte) 0xfe;
        id[19] = (byte) n;
        return id;
    }

    static String announce(byte[] infoHash, int peer, int port, long left, String extra) {
        return "info_hash=" + pct(infoHash) + "&peer_id=" + pct(peerId(peer)) + "&port=" + port + "&left=" + left
                + "&uploaded=0&downloaded=0&compact=1" + extra;
    }
}
