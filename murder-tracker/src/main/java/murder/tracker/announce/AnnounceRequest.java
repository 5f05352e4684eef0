package murder.tracker.announce;

import java.util.HexFormat;
import java.util.Locale;
import murder.core.MurderException;
import murder.tracker.announce.PeerStore.Event;

/** The parameters of one announce (BEP 3) that the tracker uses. {@code left} is -1 when the client omits it. */
record AnnounceRequest(String infoHash, byte[] peerId, int port, long left, Event event, int numwant, String ip) {

    static final int DEFAULT_NUMWANT = 50;
    static final int MAX_NUMWANT = 200;

    boolean isComplete() {
        return left == 0 || event == Event.COMPLETED;
    }

    static AnnounceRequest parse(RawQuery q) {
        String infoHash = infoHash(q.bytes("info_hash").orElseThrow(() -> missing("info_hash")));
        byte[] peerId = q.bytes("peer_id").orElseThrow(() -> missing("peer_id"));
        if (peerId.length != 20) {
            throw MurderException.badInput("peer_id must be 20 bytes, got " + peerId.length);
        }
        int port = (int) number(q, "port", -1);
        if (port < 1 || port > 65535) {
            throw MurderException.badInput("port must be 1..65535");
        }
        long left = number(q, "left", -1);
        int numwant = (int) Math.min(MAX_NUMWANT, Math.max(0, number(q, "numwant", DEFAULT_NUMWANT)));
        return new AnnounceRequest(infoHash, peerId, port, left, event(q), numwant, q.text("ip").orElse(null));
    }

    /** The 20 raw bytes as the lowercase hex the rest of murder uses. */
    static String infoHash(byte[] raw) {
        if (raw.length != 20) {
            throw MurderException.badInput("info_hash must be 20 bytes, got " + raw.length);
        }
        return HexFormat.of().formatHex(raw);
    }

    private static Event event(RawQuery q) {
        return switch (q.text("event").orElse("").toLowerCase(Locale.ROOT)) {
            case "started" -> Event.STARTED;
            case "completed" -> Event.COMPLETED;
            case "stopped" -> Event.STOPPED;
            default -> Event.NONE; // "", "empty", "paused" (BEP 21): a regular announce
        };
    }

    private static long number(RawQuery q, String name, long absent) {
        String text = q.text(name).orElse(null);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw MurderException.badInput(name + " is not a number: " + text);
        }
    }

    private static MurderException missing(String name) {
        return MurderException.badInput("missing parameter " + name);
    }
}
