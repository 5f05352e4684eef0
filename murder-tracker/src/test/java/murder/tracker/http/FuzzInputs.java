package murder.tracker.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import murder.core.json.Json;

/**
 * Random and mutated-valid inputs for the tracker's parsers: strings that are known troublemakers, JSON bodies
 * mutated through their tree (fields dropped, retyped, nulled) or their bytes, and query strings with
 * parameters dropped, doubled or given hostile values. Deterministic for a given {@link Random}.
 */
final class FuzzInputs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TRICKY = {
        "", " ", "0", "1", "-1", "65535", "65536", "4294967376", "2147483648", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "1e3", "1e400", "NaN", "0x10", "+5", "007", "1.5",
        "../x", "/etc/passwd", "..", ".", "a/b", "a\\b", "%", "%2", "%zz", "%00", "%ff%fe", "\u0000", "\n", "\r\n",
        "é", "\uD83D\uDCA5", "\uD800", "null", "true", "web", "r1", "h1", "started", "completed", "stopped",
        "ACTIVE", "FAILED", "PENDING", "x".repeat(129), "z".repeat(5000), "?", "&", "=", "#", ";",
    };
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get", "",
        "BREW"};
    private static final String[] PATHS = {
        "/announce", "/scrape", "/api/v1/releases", "/api/v1/releases/{}", "/api/v1/releases/{}/torrent",
        "/api/v1/deployments", "/api/v1/deployments/{}", "/api/v1/deployments/{}/x", "/api/v1/agents",
        "/api/v1/agents/{}", "/api/v1/agents/{}/desired", "/api/v1/agents/{}/reports", "/api/v1/agents/{}/{}",
        "/api/v1/status", "/api/v1/status/{}", "/api/v1/", "/api/v1", "/api/v1//", "/", "", "*", "/{}",
        "http://tracker:7070/api/v1/status", "http://x", "/api/v1/{}/{}/{}/{}", "/metrics", "/health", "/ui.js",
        "/ui.css", "/metrics/{}",
    };

    private final Random random;

    FuzzInputs(Random random) {
        this.random = random;
    }

    String method(String right) {
        return random.nextInt(4) == 0 ? pick(METHODS) : right;
    }

    /** A request target from the route templates, with random segments and, sometimes, junk. */
    String path() {
        String template = pick(PATHS);
        StringBuilder out = new StringBuilder();
        for (String part : template.split("\\{}", -1)) {
            if (out.length() > 0 || template.startsWith("{}")) {
                out.append(random.nextInt(3) == 0 ? encodeSome(text()) : pick(new String[] {"r1", "h1", "1", "0"}));
            }
            out.append(part);
        }
        return template.endsWith("{}") ? out + (random.nextBoolean() ? "r1" : encodeSome(text())) : out.toString();
    }

    String text() {
        return switch (random.nextInt(4)) {
            case 0 -> randomText(random.nextInt(40));
            default -> pick(TRICKY);
        };
    }

    /** Query strings: a valid one mutated, or one made of random pairs. */
    String query(String valid) {
        if (random.nextInt(6) == 0) {
            List<String> pairs = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                pairs.add(encodeSome(text()) + (random.nextBoolean() ? "=" + encodeSome(text()) : ""));
            }
            return String.join(random.nextInt(8) == 0 ? "&&" : "&", pairs);
        }
        List<String> pairs = new ArrayList<>(List.of(valid.split("&")));
        for (int ops = 1 + random.nextInt(3); ops > 0 && !pairs.isEmpty(); ops--) {
            int i = random.nextInt(pairs.size());
            String name = pairs.get(i).split("=", 2)[0];
            switch (random.nextInt(5)) {
                case 0 -> pairs.remove(i);
                case 1 -> pairs.add(pairs.get(i));
                case 2 -> pairs.set(i, name + "=" + encodeSome(text()));
                case 3 -> pairs.set(i, name);
                default -> pairs.add(encodeSome(text()) + "=" + encodeSome(text()));
            }
        }
        return String.join("&", pairs);
    }

    /** A body: the valid one, mutated through its JSON tree or its bytes, or something else entirely. */
    byte[] body(byte[] valid) {
        return switch (random.nextInt(10)) {
            case 0 -> valid;
            case 1 -> bytes(valid);
            case 2 -> randomValue(2).toString().getBytes(UTF_8);
            case 3 -> randomBytes(random.nextInt(64));
            default -> tree(valid);
        };
    }

    private byte[] tree(byte[] valid) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(valid);
        } catch (IOException e) {
            return bytes(valid); // not JSON to begin with
        }
        if (root == null) {
            return bytes(valid);
        }
        for (int ops = 1 + random.nextInt(3); ops > 0; ops--) {
            mutate(root);
        }
        return root.toString().getBytes(UTF_8);
    }

    /** Changes one field somewhere below {@code node}: drop it, retype it, or add a stranger. */
    private void mutate(JsonNode node) {
        if (node instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode child = object.get(name);
            switch (random.nextInt(5)) {
                case 0 -> object.remove(name);
                case 1 -> object.putNull(name);
                case 2 -> object.set(random.nextBoolean() ? name : text(), randomValue(2));
                default -> {
                    if (child.isContainerNode() && child.size() > 0) {
                        mutate(child);
                    } else {
                        object.set(name, randomValue(1));
                    }
                }
            }
        } else if (node instanceof ArrayNode array && array.size() > 0) {
            int i = random.nextInt(array.size());
            if (random.nextBoolean()) {
                array.set(i, randomValue(1));
            } else {
                array.add(randomValue(1));
            }
        }
    }

    JsonNode randomValue(int depth) {
        int kinds = depth > 0 ? 9 : 7;
        return switch (random.nextInt(kinds)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(pick(new long[] {0, -1, 1, 6881, 65536, Integer.MAX_VALUE + 1L,
                Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()}));
            case 3 -> NODES.numberNode(random.nextBoolean() ? random.nextDouble() * 1e300 : -0.5);
            case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(40))));
            case 5, 6 -> NODES.textNode(text());
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(text(), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    private byte[] bytes(byte[] valid) {
        byte[] out = valid.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0 && out.length > 0; i--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
            default -> {
                int at = random.nextInt(out.length + 1);
                byte[] junk = randomBytes(1 + random.nextInt(8));
                byte[] joined = new byte[out.length + junk.length];
                System.arraycopy(out, 0, joined, 0, at);
                System.arraycopy(junk, 0, joined, at, junk.length);
                System.arraycopy(out, at, joined, at + junk.length, out.length - at);
                out = joined;
            }
        }
        return out;
    }

    byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private String randomText(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : (char) (0x20 + random.nextInt(0x5f)));
        }
        return out.toString();
    }

    /** Percent-encodes some characters the way clients do, leaves others raw (including raw '%' and '&'). */
    private String encodeSome(String s) {
        if (random.nextBoolean()) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(UTF_8)) {
            out.append(b >= 'a' && b <= 'z' ? String.valueOf((char) b) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }
}
