package murder.core;

/**
 * The one domain exception. Its {@link Kind} decides the HTTP status (tracker) and the exit code (CLI),
 * so errors are turned into responses or messages in exactly one place each.
 */
public class MurderException extends RuntimeException {

    public enum Kind {
        BAD_INPUT(400, 2),
        NOT_FOUND(404, 2),
        CONFLICT(409, 2),
        UNAVAILABLE(503, 3),
        FAILED(500, 1),
        /** No credentials, or ones the tracker does not accept. */
        UNAUTHORIZED(401, 2),
        /** Valid credentials whose role (or host) may not do this. */
        FORBIDDEN(403, 2);

        public final int httpStatus;
        public final int exitCode;

        Kind(int httpStatus, int exitCode) {
            this.httpStatus = httpStatus;
            this.exitCode = exitCode;
        }

        public static Kind fromHttpStatus(int status) {
            return switch (status) {
                case 400, 405, 413, 415 -> BAD_INPUT;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 409 -> CONFLICT;
                case 502, 503, 504 -> UNAVAILABLE;
                default -> FAILED;
            };
        }
    }

    private final Kind kind;

    public MurderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MurderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static MurderException badInput(String message) {
        return new MurderException(Kind.BAD_INPUT, message);
    }
}
