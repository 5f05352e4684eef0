package murder.tracker.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** What the router decided: an answer now, or one that comes later (the long-polls). */
public sealed interface ApiResult {

    record Done(HttpReply reply) implements ApiResult {
    }

    /**
     * An answer that arrives when {@code reply} completes. The transport answers what {@code onTimeout} makes if it
     * has not after {@code timeout} (on a thread that may block when {@code readsStore}, else at once), and cancels
     * {@code reply} if the connection closes first, so the service can forget the waiter.
     */
    record Waiting(CompletableFuture<HttpReply> reply, Duration timeout, Supplier<HttpReply> onTimeout,
                   boolean readsStore) implements ApiResult {

        /** Answered {@code onTimeout}, a reply made beforehand, at the timeout. */
        Waiting(CompletableFuture<HttpReply> reply, Duration timeout, HttpReply onTimeout) {
            this(reply, timeout, () -> onTimeout, false);
        }
    }
}
