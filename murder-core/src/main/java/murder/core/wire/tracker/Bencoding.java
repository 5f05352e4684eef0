package murder.core.wire.tracker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, bounded bencode decoder for tracker answers. Values are {@link Long} (integers), {@code byte[]} (byte
 * strings), {@link List} and {@link Map} with {@link String} keys (the key bytes read as ISO-8859-1, so
 * lossless). Strict about the syntax (no leading zeros, no {@code -0}, integers fit a long), lenient where trackers
 * are sloppy: dictionary keys need not be sorted (a repeated key keeps its last value) and trailing ASCII
 * whitespace after the value is ignored.
 */
final class Bencoding {

    static final int MAX_DEPTH = 32;

    /** A body that is not bencode, or not within the limits. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private final byte[] in;
    private int pos;

    private Bencoding(byte[] in) {
        this.in = in;
    }

    static Object decode(byte[] data) throws MalformedException {
        Bencoding d = new Bencoding(data);
        if (data.length == 0) {
            throw new MalformedException("empty body");
        }
        Object value = d.value(1);
        while (d.pos < data.length) {
            byte b = data[d.pos++];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                throw new MalformedException("unexpected data after the value at offset " + (d.pos - 1));
            }
        }
        return value;
    }

    private Object value(int depth) throws MalformedException {
        byte b = peek();
        if (b == 'i') {
            pos++;
            long n = integer('e');
            return n;
        }
        if (b >= '0' && b <= '9') {
            return string();
        }
        if (b == 'l' || b == 'd') {
            if (depth > MAX_DEPTH) {
                throw new MalformedException("nested deeper than " + MAX_DEPTH);
            }
            pos++;
            if (b == 'l') {
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value(depth + 1));
                }
                pos++;
                return Collections.unmodifiableList(list);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            while (peek() != 'e') {
                if (peek() < '0' || peek() > '9') {
                    throw new MalformedException("dictionary key is not a byte string at offset " + pos);
                }
                String key = new String(string(), StandardCharsets.ISO_8859_1);
                map.put(key, value(depth + 1));
            }
            pos++;
            return Collections.unmodifiableMap(map);
        }
        throw new MalformedException("unexpected byte 0x" + String.format("%02x", b & 0xff) + " at offset " + pos);
    }

    private byte[] string() throws MalformedException {
        long length = integer(':');
        if (length < 0 || length > in.length - pos) {
            throw new MalformedException("byte string of " + length + " bytes runs past the end");
        }
        byte[] out = new byte[(int) length];
        System.arraycopy(in, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    /** A decimal integer up to {@code end} (consumed), without leading zeros or {@code -0}. */
    private long integer(char end) throws MalformedException {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int digits = pos;
        long n = 0;
        while (peek() != end) {
            byte b = in[pos];
            if (b < '0' || b > '9') {
                throw new MalformedException("bad integer at offset " + start);
            }
            try {
                n = Math.addExact(Math.multiplyExact(n, 10), b - '0');
            } catch (ArithmeticException e) {
                throw new MalformedException("integer too large at offset " + start);
            }
            pos++;
        }
        int count = pos - digits;
        if (count == 0 || (count > 1 && in[digits] == '0') || (negative && in[digits] == '0')) {
            throw new MalformedException("bad integer at offset " + start);
        }
        pos++;
        return negative ? -n : n;
    }

    private byte peek() throws MalformedException {
        if (pos >= in.length) {
            throw new MalformedException("truncated at offset " + pos);
        }
        return in[pos];
    }
}
