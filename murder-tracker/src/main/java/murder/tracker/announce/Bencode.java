package murder.tracker.announce;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny bencoder (BEP 3) for tracker answers: byte strings ({@code byte[]}, or {@code String} as UTF-8),
 * integers, lists and dictionaries.
 *
 * <p>Dictionary keys are {@code String}s whose chars are bytes (ISO-8859-1), so a binary info-hash can be a key
 * (scrape); keys are written sorted by their raw bytes, as BEP 3 requires.
 */
public final class Bencode {

    private Bencode() {
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    /** A dictionary key made of raw bytes, e.g. a 20-byte info-hash. */
    public static String binaryKey(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof byte[] bytes) {
            writeBytes(out, bytes);
        } else if (value instanceof String s) {
            writeBytes(out, s.getBytes(UTF_8));
        } else if (value instanceof Integer || value instanceof Long) {
            writeAscii(out, "i" + value + "e");
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> write(out, item));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            // ISO-8859-1 chars compare like unsigned bytes, so String order is BEP 3's raw byte order
            new TreeMap<>(map).forEach((k, v) -> {
                writeBytes(out, ((String) k).getBytes(ISO_8859_1));
                write(out, v);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass()));
        }
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        writeAscii(out, bytes.length + ":");
        out.writeBytes(bytes);
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(ISO_8859_1));
    }
}
