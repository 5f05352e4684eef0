package murder.tracker.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.LinkedHashMap;
import java.util.Map;
import murder.core.api.ErrorBody;
import murder.core.json.Json;

/** A complete HTTP answer, before it becomes a Netty response. */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String TORRENT = "application/x-bittorrent";

    public static HttpReply json(int status, Object value) {
        return new HttpReply(status, JSON, Json.write(value), Map.of());
    }

    public static HttpReply noContent() {
        return new HttpReply(204, null, new byte[0], Map.of());
    }

    public static HttpReply error(int status, String message) {
        return json(status, new ErrorBody(message));
    }

    /** Tracker answers are bencoded; BEP 3 clients expect them as text/plain. */
    public static HttpReply bencoded(byte[] body) {
        return new HttpReply(200, TEXT, body, Map.of());
    }

    public static HttpReply bytes(String contentType, byte[] body) {
        return new HttpReply(200, contentType, body, Map.of());
    }

    public HttpReply withHeader(String name, String value) {
        var merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new HttpReply(status, contentType, body, Map.copyOf(merged));
    }

    public String bodyText() {
        return new String(body, UTF_8);
    }
}
