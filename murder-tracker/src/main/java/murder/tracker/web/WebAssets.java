package murder.tracker.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import murder.tracker.http.HttpReply;

/**
 * The tracker's read-only web page: one HTML page, its script and its style sheet, loaded once from the jar. They
 * come from this server only, so the Content-Security-Policy allows nothing but 'self' and no inline code at all:
 * data the page shows (a failure reason is free text from an agent) can never run as script or style.
 */
public final class WebAssets {

    /** Nothing but this origin's script, style and API; no frames, forms, plugins, base or inline code. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Where the page and its assets are served. */
    public static final Set<String> PATHS = Set.of("/", "/ui.js", "/ui.css");

    private final Map<String, HttpReply> byPath;

    private WebAssets(Map<String, HttpReply> byPath) {
        this.byPath = byPath;
    }

    /** Reads the page from the classpath; a jar without it is broken, so this fails at start. */
    public static WebAssets load() {
        return new WebAssets(Map.of(
                "/", asset("index.html", "text/html; charset=utf-8"),
                "/ui.js", asset("ui.js", "text/javascript; charset=utf-8"),
                "/ui.css", asset("ui.css", "text/css; charset=utf-8")));
    }

    /** The asset served at {@code path}, if it is one of the page's. */
    public Optional<HttpReply> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static HttpReply asset(String name, String contentType) {
        try (InputStream in = WebAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the tracker's web page resource " + name + " is missing from the jar "
                        + "(murder/tracker/web/" + name + "): rebuild murder");
            }
            return new HttpReply(200, contentType, in.readAllBytes(), Map.of(
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    // revalidate every time: a tracker upgrade must not leave an old script running against a new API
                    "Cache-Control", "no-cache",
                    "Referrer-Policy", "no-referrer",
                    "X-Frame-Options", "DENY"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tracker's web page resource " + name, e);
        }
    }
}
