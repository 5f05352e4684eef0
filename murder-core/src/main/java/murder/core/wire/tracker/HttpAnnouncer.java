package murder.core.wire.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Announces to one HTTP(S) tracker (BEP 3), asking for compact peer lists (BEP 23). Thread-safe: one
 * {@link HttpClient} per announcer (HTTP/1.1, no proxy, no redirects), no other state. Each announce is bounded by
 * the timeout as a whole (connect, answer and body), and its body by {@link #MAX_BODY} bytes.
 */
public final class HttpAnnouncer {

    /** The largest tracker answer read: 1 MiB. */
    public static final int MAX_BODY = 1 << 20;

    private static final int MAX_TEXT = 300;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private final URI announceUrl;
    private final String shownUrl;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param announceUrl the tracker's announce URL, http or https; a query in it (a passkey) is kept
     * @param tls         the TLS context for https, or null for the JVM's default (system trust)
     * @param timeout     the bound on one announce, positive
     */
    public HttpAnnouncer(URI announceUrl, SSLContext tls, Duration timeout) {
        Objects.requireNonNull(announceUrl, "announceUrl");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = announceUrl.getScheme() == null ? "" : announceUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the announce URL must be http or https: " + withoutQuery(announceUrl));
        }
        if (announceUrl.getHost() == null) {
            throw new IllegalArgumentException("the announce URL has no host: " + withoutQuery(announceUrl));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        this.announceUrl = announceUrl;
        this.shownUrl = withoutQuery(announceUrl);
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(NoProxy.INSTANCE);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /** Announces once; returns the tracker's answer or throws, within about the timeout. */
    public AnnounceResponse announce(AnnounceRequest r) throws AnnounceException {
        Objects.requireNonNull(r, "request");
        HttpRequest request = HttpRequest.newBuilder(requestUri(r))
                .timeout(timeout)
                .header("Accept-Encoding", "identity")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, info -> new LimitedBody(MAX_BODY));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw failed("no answer within " + shown(timeout), e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new AnnounceException("announce to " + shownUrl + " interrupted", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? unwrap(e.getCause()) : e;
            throw failed(describe(cause), cause);
        }
        if (response.statusCode() != 200) {
            String text = printable(new String(response.body(), StandardCharsets.UTF_8)).strip();
            String redirect = response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "";
            throw failed("HTTP " + response.statusCode() + redirect + (text.isEmpty() ? "" : ": " + text), null);
        }
        return parse(response.body());
    }

    /** The announce URL this announcer uses, as given. */
    public URI announceUrl() {
        return announceUrl;
    }

    URI requestUri(AnnounceRequest r) {
        StringBuilder q = new StringBuilder();
        q.append("info_hash=").append(percent(r.infoHash()));
        q.append("&peer_id=").append(percent(r.peerId()));
        q.append("&port=").append(r.port());
        q.append("&uploaded=").append(r.uploaded());
        q.append("&downloaded=").append(r.downloaded());
        q.append("&left=").append(r.left());
        q.append("&compact=1");
        q.append("&numwant=").append(r.numwant());
        String event = r.event().parameter();
        if (event != null) {
            q.append("&event=").append(event);
        }
        if (r.ip() != null) {
            q.append("&ip=").append(percent(r.ip().getHostAddress().getBytes(StandardCharsets.US_ASCII)));
        }
        q.append("&supportcrypto=1");
        StringBuilder url = new StringBuilder();
        url.append(announceUrl.getScheme()).append("://").append(announceUrl.getRawAuthority());
        if (announceUrl.getRawPath() != null) {
            url.append(announceUrl.getRawPath());
        }
        url.append('?');
        String existing = announceUrl.getRawQuery();
        if (existing != null && !existing.isEmpty()) {
            url.append(existing);
            if (!existing.endsWith("&")) {
                url.append('&');
            }
        }
        url.append(q);
        return URI.create(url.toString());
    }

    /** BEP 3: every byte percent-encoded except the RFC 3986 unreserved characters. */
    static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private AnnounceResponse parse(byte[] body) throws AnnounceException {
        Object decoded;
        try {
            decoded = Bencoding.decode(body);
        } catch (Bencoding.MalformedException e) {
            throw failed("the answer is not valid bencode (" + e.getMessage() + ")", e);
        }
        if (!(decoded instanceof Map<?, ?> answer)) {
            throw failed("the answer is not a bencoded dictionary", null);
        }
        Object failure = answer.get("failure reason");
        if (failure != null) {
            throw AnnounceException.refused(failure instanceof byte[] text
                    ? printable(new String(text, StandardCharsets.UTF_8)) : printable(String.valueOf(failure)));
        }
        Duration interval = seconds(answer, "interval");
        if (interval == null) {
            throw failed("the answer has no interval", null);
        }
        Duration minInterval = seconds(answer, "min interval");
        String warning = answer.get("warning message") instanceof byte[] text
                ? printable(new String(text, StandardCharsets.UTF_8)) : null;
        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        Object v4 = answer.get("peers");
        if (v4 instanceof byte[] compact) {
            compactPeers(compact, 4, "peers", peers);
        } else if (v4 instanceof List<?> list) {
            dictPeers(list, peers);
        } else if (v4 != null) {
            throw failed("peers is neither a byte string nor a list", null);
        }
        Object v6 = answer.get("peers6");
        if (v6 instanceof byte[] compact) {
            compactPeers(compact, 16, "peers6", peers);
        } else if (v6 != null) {
            throw failed("peers6 is not a byte string", null);
        }
        return new AnnounceResponse(interval, minInterval, new ArrayList<>(peers), warning);
    }

    private Duration seconds(Map<?, ?> answer, String key) throws AnnounceException {
        Object value = answer.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long n) || n < 0) {
            throw failed(key + " is not a non-negative integer", null);
        }
        return Duration.ofSeconds(n);
    }

    /** BEP 23 / BEP 7: address bytes then a 2-byte big-endian port per peer; port 0 entries are skipped. */
    private void compactPeers(byte[] data, int addressLength, String key, Set<InetSocketAddress> out)
            throws AnnounceException {
        int entry = addressLength + 2;
        if (data.length % entry != 0) {
            throw failed(key + " is " + data.length + " bytes, not a multiple of " + entry, null);
        }
        for (int i = 0; i < data.length; i += entry) {
            byte[] address = new byte[addressLength];
            System.arraycopy(data, i, address, 0, addressLength);
            int port = ((data[i + addressLength] & 0xff) << 8) | (data[i + addressLength + 1] & 0xff);
            if (port == 0) {
                continue;
            }
            try {
                out.add(new InetSocketAddress(InetAddress.getByAddress(address), port));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("an address of " + addressLength + " bytes was refused", e);
            }
        }
    }

    /**
     * BEP 3's original form: a list of dictionaries with {@code ip} and {@code port}. Entries that are not such a
     * dictionary, whose ip is a host name rather than an address literal (no DNS lookups here), or whose port is
     * not 1..65535 are skipped.
     */
    private static void dictPeers(List<?> list, Set<InetSocketAddress> out) {
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> peer) || !(peer.get("ip") instanceof byte[] ipBytes)
                    || !(peer.get("port") instanceof Long port) || port < 1 || port > 65535) {
                continue;
            }
            InetAddress address = literal(new String(ipBytes, StandardCharsets.ISO_8859_1));
            if (address != null) {
                out.add(new InetSocketAddress(address, port.intValue()));
            }
        }
    }

    /** An IPv4 or IPv6 address literal, never looked up in DNS; null for anything else. */
    static InetAddress literal(String text) {
        var v4 = IPV4.matcher(text);
        try {
            if (v4.matches()) {
                byte[] address = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    address[i] = (byte) octet;
                }
                return Inet4Address.getByAddress(address);
            }
            // a string with a ':' whose first character is a hex digit or ':' is parsed as an IPv6 literal by the
            // JDK and never resolved; the pattern guarantees both
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                return InetAddress.getByName(text);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private AnnounceException failed(String why, Throwable cause) {
        return new AnnounceException("announce to " + shownUrl + " failed: " + why, cause);
    }

    private String describe(Throwable cause) {
        if (cause instanceof BodyTooLargeException) {
            return "the answer is larger than " + MAX_BODY + " bytes";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + shown(timeout);
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + shown(timeout);
        }
        if (cause instanceof ConnectException) {
            String detail = deepestMessage(cause);
            if (detail == null || detail.toLowerCase(Locale.ROOT).contains("connection refused")) {
                return "connection refused";
            }
            return "cannot connect (" + detail + ")";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + announceUrl.getHost();
        }
        if (cause instanceof SSLException) {
            return "TLS failed (" + deepestMessage(cause) + ")";
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        String detail = deepestMessage(cause);
        return cause.getClass().getSimpleName() + (detail == null ? "" : " (" + detail + ")");
    }

    private static String deepestMessage(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String shown(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    /** The URL without query (which may hold a passkey), fragment or user info: how it appears in messages. */
    static String withoutQuery(URI url) {
        StringBuilder out = new StringBuilder();
        if (url.getScheme() != null) {
            out.append(url.getScheme()).append("://");
        }
        String authority = url.getRawAuthority();
        if (authority != null) {
            out.append(authority.substring(authority.lastIndexOf('@') + 1));
        }
        if (url.getRawPath() != null) {
            out.append(url.getRawPath());
        }
        return out.toString();
    }

    /** Tracker text made one bounded line: control characters become '?', at most {@value #MAX_TEXT} chars. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT + 3));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_TEXT) {
            out.append("...");
        }
        return out.toString();
    }

    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("tracker answer too large");
        }
    }

    /** Collects the body, failing (and cancelling the download) once it passes {@code limit} bytes. */
    private static final class LimitedBody implements BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (out.size() + (long) item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    /** Every connection direct: a tracker on the LAN must not be reached through a configured proxy. */
    private static final class NoProxy extends ProxySelector {
        static final NoProxy INSTANCE = new NoProxy();

        @Override
        public List<Proxy> select(URI uri) {
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        }
    }
}
