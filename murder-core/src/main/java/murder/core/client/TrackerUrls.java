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
            throw MurderException.badInput("invalid tracker URL '" + uri
                    + "': expected http://HOST:PORT, e.g. http://tracker.example:7070");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
