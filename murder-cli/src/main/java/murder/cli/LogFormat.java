package murder.cli;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Picks the log format of logback.xml (the file murder-log-FORMAT.xml it includes) from env
 * {@code MURDER_LOG_FORMAT}: {@code json} (one JSON object per line, for a log shipper) or {@code text} (the
 * default). Another value logs as text and says so once on stderr.
 */
public final class LogFormat extends PropertyDefinerBase {

    static final String ENV = "MURDER_LOG_FORMAT";

    @Override
    public String getPropertyValue() {
        return appenderFor(System.getenv(ENV));
    }

    static String appenderFor(String setting) {
        if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("text")) {
            return "text";
        }
        if (setting.trim().toLowerCase(Locale.ROOT).equals("json")) {
            return "json";
        }
        System.err.println("murder: " + ENV + "=" + setting + " is neither 'json' nor 'text'; logging as text");
        return "text";
    }
}
