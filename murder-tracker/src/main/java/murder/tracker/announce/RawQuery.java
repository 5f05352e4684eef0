package murder.tracker.announce;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import murder.core.MurderException;

/**
 * A query string decoded to raw bytes. {@code info_hash} and {@code peer_id} are binary: percent-decoding them
 * as UTF-8 (what generic decoders do) would mangle every byte above 0x7f, so each value is kept as bytes and
 * read as ISO-8859-1 text where text is meant.
 */
public final class RawQuery {

    private final Map<String, List<byte[]>> params;

    private RawQuery(Map<String, List<byte[]>> params) {
        this.params = params;
    }

    /** Parses the part after {@code ?}; null or empty gives an empty query. */
    public static RawQuery parse(String query) {
        Map<String, List<byte[]>> params = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = new String(decode(eq < 0 ? pair : pair.substring(0, eq)), ISO_8859_1);
                byte[] value = eq < 0 ? new byte[0] : decode(pair.substring(eq + 1));
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new RawQuery(params);
    }

    public Optional<byte[]> bytes(String name) {
        List<byte[]> values = params.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> text(String name) {
        return bytes(name).map(b -> new String(b, ISO_8859_1));
    }

    public List<byte[]> all(String name) {
        return params.getOrDefault(name, List.of());
    }

    static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw MurderException.badInput("truncated percent-escape in query: "
                            + AnnounceRequest.printable(s));
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw MurderException.badInput("invalid percent-escape in query: "
                            + AnnounceRequest.printable(s));
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }
}
