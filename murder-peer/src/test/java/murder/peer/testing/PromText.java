package murder.peer.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample out of a Prometheus text exposition, as a test asserting on a scrape needs. */
public final class PromText {

    private PromText() {
    }

    /** The value of {@code series}, written as in the exposition: a name, or a name with its labels in order. */
    public static Optional<Double> value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    public static double require(String exposition, String series) {
        return value(exposition, series).orElseThrow(() -> new AssertionError("no sample " + series + " in:\n"
                + exposition));
    }
}
