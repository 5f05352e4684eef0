package murder.cli;

import java.util.Locale;

/**
 * The log format ({@link ConsoleLogging}) from env {@code MURDER_LOG_FORMAT}: {@code json} (one JSON object per line,
 * for a log shipper) or {@code text} (the default). Another value logs as text and says so once on stderr.
 */
final class LogFormat {

    static final String ENV = "MURDER_LOG_FORMAT";

    private LogFormat() {
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
