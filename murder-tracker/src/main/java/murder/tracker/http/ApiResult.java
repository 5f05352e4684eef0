package murder.tracker.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What the router decided: an answer now, or one that comes later (the agent long-poll). */
public sealed interface ApiResult {

    record Done(HttpReply reply) implements ApiResult {
    }

    /**
     * An answer that arrives when {@code reply} completes. The transport answers {@code onTimeout} if it has
     * not after {@code timeout}, and cancels {@code reply} if the connection closes first, so the service can
     * forget the waiter.
     */
    record Waiting(CompletableFuture<HttpReply> reply, Duration timeout, HttpReply onTimeout) implements ApiResult {
    }
}
