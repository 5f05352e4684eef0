package murder.tracker.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/** Answers for requests the tracker cannot take: undecodable, oversized, or arriving while it is saturated. */
final class BadRequests {

    /** Seconds a client is told to wait when the worker queue is full: requests are short, so briefly. */
    static final int RETRY_AFTER_SECONDS = 1;

    private BadRequests() {
    }

    /** The HTTP codec refused the request; the connection is closed after this answer. */
    static HttpReply reply(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpReply.error(414, "request line too long: " + cause.getMessage()
                    + " (the announce and control API need far less; is this client sending a huge query?)");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpReply.error(431, "request headers too large: " + cause.getMessage());
        }
        return HttpReply.error(400, "malformed HTTP request: " + cause);
    }

    static HttpReply busy(Executor workers) {
        if (workers instanceof ExecutorService service && service.isShutdown()) {
            return HttpReply.error(503, "the tracker is shutting down; retry shortly")
                    .withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        return HttpReply.error(503, "the tracker is busy: its queue of requests for the database is full; retry in "
                + RETRY_AFTER_SECONDS + " s").withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
}
