package murder.core.wire.tracker;

/**
 * An announce that gave no usable answer: the tracker refused it ({@link #failureReason()} is then its
 * {@code failure reason}), or it could not be reached, answered with an HTTP error, too late, or with a body that is
 * not a valid announce answer.
 */
public final class AnnounceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String failureReason;

    public AnnounceException(String message, Throwable cause) {
        super(message, cause);
        this.failureReason = null;
    }

    private AnnounceException(String message, String failureReason) {
        super(message);
        this.failureReason = failureReason;
    }

    /** The tracker answered, with a {@code failure reason}: it refused the announce. */
    static AnnounceException refused(String reason) {
        return new AnnounceException("tracker refused the announce: " + reason, reason);
    }

    /** The tracker's {@code failure reason} (control characters replaced) when it refused; null for any other failure. */
    public String failureReason() {
        return failureReason;
    }
}
