package murder.core.wire.tracker;

/** The {@code event} of a BEP 3 announce; {@link #NONE} is a regular (periodic) announce and sends no event. */
public enum AnnounceEvent {
    STARTED,
    COMPLETED,
    STOPPED,
    NONE;

    /** The {@code event} parameter's value, or null for {@link #NONE}. */
    String parameter() {
        return switch (this) {
            case STARTED -> "started";
            case COMPLETED -> "completed";
            case STOPPED -> "stopped";
            case NONE -> null;
        };
    }
}
