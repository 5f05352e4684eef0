package murder.tracker.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import murder.core.MurderException;
import murder.tracker.auth.Credentials;

/**
 * One HTTP request as the router sees it: plain values, no Netty buffers, so the router and services can be
 * driven without sockets and outlive the Netty message they came from.
 *
 * @param path     the decoded path
 * @param rawQuery the query exactly as sent (binary announce parameters must be decoded by their user), or null
 * @param remote   the connection's source address, or null when unknown
 * @param credentials the token (and agent host) the request presented
 */
public record ApiRequest(String method, String path, String rawQuery, byte[] body, InetAddress remote,
                         Credentials credentials) {

    /** Throws a BAD_INPUT {@link MurderException} for a path that cannot be percent-decoded. */
    public static ApiRequest of(String method, String uri, byte[] body, InetAddress remote) {
        return of(method, uri, body, remote, Credentials.NONE);
    }

    public static ApiRequest of(String method, String uri, byte[] body, InetAddress remote, Credentials credentials) {
        String target = stripOrigin(uri);
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? null : target.substring(q + 1);
        return new ApiRequest(method, decoded("path", () -> new QueryStringDecoder(rawPath).path()), rawQuery, body,
                remote, credentials);
    }

    /** Query parameters decoded as UTF-8 text (fine for the control API; not for announce). */
    public Map<String, List<String>> params() {
        return decoded("query", () -> new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters());
    }

    /** Netty's decoder throws IllegalArgumentException on a bad percent-escape: the sender's fault. */
    private static <T> T decoded(String what, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException e) {
            throw MurderException.badInput("cannot decode the request's " + what + ": " + e.getMessage()
                    + " (percent-encode it as UTF-8)");
        }
    }

    public Optional<String> param(String name) {
        List<String> values = params().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** An absolute-form request target ({@code http://host/path}) is reduced to its path and query. */
    private static String stripOrigin(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0 || uri.startsWith("/")) {
            return uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : uri.substring(slash);
    }
}
