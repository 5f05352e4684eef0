package murder.tracker.announce;

import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
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
        // checked as a long before the cast: port=4294967376 must not wrap to 80
        long port = number(q, "port").orElseThrow(() -> missing("port"));
        if (port < 1 || port > 65535) {
            throw MurderException.badInput("port must be 1..65535, got " + port);
        }
        long left = nonNegative(q, "left");
        nonNegative(q, "uploaded");
        nonNegative(q, "downloaded");
        // a negative numwant asks for the default (BEP 15 uses -1 so), a greedy one gets the cap
        long wanted = number(q, "numwant").orElse(DEFAULT_NUMWANT);
        int numwant = (int) (wanted < 0 ? DEFAULT_NUMWANT : Math.min(MAX_NUMWANT, wanted));
        return new AnnounceRequest(infoHash, peerId, (int) port, left, event(q), numwant, q.text("ip").orElse(null));
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

    /** An optional byte count; -1 when absent. */
    private static long nonNegative(RawQuery q, String name) {
        OptionalLong value = number(q, name);
        if (value.isPresent() && value.getAsLong() < 0) {
            throw MurderException.badInput(name + " must not be negative, got " + value.getAsLong());
        }
        return value.orElse(-1);
    }

    private static OptionalLong number(RawQuery q, String name) {
        String text = q.text(name).orElse(null);
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw MurderException.badInput(name + " must be a whole number in 0.." + Long.MAX_VALUE + ", got '"
                    + printable(text) + "'");
        }
    }

    /** Echoes at most 40 chars of client text, control bytes escaped, so a failure reason stays one short line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(40, text.length()); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xff));
        }
        return text.length() > 40 ? out + "..." : out.toString();
    }

    private static MurderException missing(String name) {
        return MurderException.badInput("missing parameter " + name);
    }
}
