package murder.tracker.store;

import java.time.Instant;

/** Times are stored as ISO-8601 text: lossless, sortable, and readable with the sqlite3 shell. */
final class Times {

    private Times() {
    }

    static String write(Instant instant) {
        return instant.toString();
    }

    static Instant read(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
