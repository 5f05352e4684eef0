package murder.core.client;

import java.net.URI;
import java.net.URISyntaxException;
import murder.core.MurderException;

/** Parses and checks the {@code --tracker} URL once, so every later message can trust it. */
public final class TrackerUrls {

    private TrackerUrls() {
    }

    public static URI parse(String url) {
        try {
            return normalize(new URI(url));
        } catch (URISyntaxException e) {
            throw MurderException.badInput("invalid tracker URL '" + url + "': " + e.getMessage()
                    + " (expected http://HOST:PORT, e.g. http://tracker.example:7070)");
        }
    }

    static URI normalize(URI uri) {
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw invalid(uri, "expected http://HOST:PORT, e.g. http://tracker.example:7070");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw invalid(uri, "port " + uri.getPort() + " is not 1 to 65535 (the tracker's --port, 7070 by default)");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(uri, "credentials do not go in the URL (it shows in `ps` and in logs): give the token "
                    + "with --token-file or $MURDER_TOKEN_FILE");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(uri, "a tracker URL has no ?query or #fragment: expected http://HOST:PORT");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    private static MurderException invalid(URI uri, String why) {
        return MurderException.badInput("invalid tracker URL '" + uri + "': " + why);
    }
}
