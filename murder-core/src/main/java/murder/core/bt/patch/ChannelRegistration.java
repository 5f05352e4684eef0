package murder.core.bt.patch;

import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A peer channel waiting to be registered with the selector, by the selector's own thread (the idea of bt's
 * PeerRegistrationEvent, upstream commit 126b0979b, #252): a registration from another thread needs no lock that
 * the selecting thread holds.
 */
final class ChannelRegistration {

    private final SelectableChannel channel;
    private final int ops;
    private final Object attachment;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    ChannelRegistration(SelectableChannel channel, int ops, Object attachment) {
        this.channel = channel;
        this.ops = ops;
        this.attachment = attachment;
    }

    /** On the selector's thread. A failure (e.g. the channel was closed meanwhile) goes to the waiting thread. */
    void register(Selector selector) {
        try {
            channel.register(selector, ops, attachment);
            done.complete(null);
        } catch (RuntimeException | java.io.IOException e) {
            done.completeExceptionally(e);
        }
    }

    void fail(Exception e) {
        done.completeExceptionally(e);
    }

    /** @return true once registered, false if still waiting after the timeout; throws what registering threw */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            done.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed to register a peer channel: " + e.getCause(), e.getCause());
        }
    }
}
