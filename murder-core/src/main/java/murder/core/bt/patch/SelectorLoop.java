package murder.core.bt.patch;

import bt.net.DataReceiver;
import bt.net.pipeline.ChannelHandlerContext;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import com.google.inject.Inject;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces bt 1.10's {@code bt.net.DataReceivingLoop} (the thread that reads every peer socket), porting upstream
 * commit 126b0979b (bt #252, "deadlock in single CPU systems").
 *
 * <p>What changed against 1.10: a connection worker registering a new channel no longer spins in
 * {@code SharedSelector.wakeupAndRegister} for a lock that this thread holds while it selects (on one busy CPU the
 * spinner starved this thread, and a 64 MB deploy took 734 s); it queues a {@link ChannelRegistration}, wakes the
 * selector and waits, bounded, for this thread to register it. Also: interest-op changes wake the selector (1.10
 * applied them up to 1 s late), and every read wakes the {@link ParkingMessageDispatcher}. Kept from 1.10: a channel
 * whose inbound buffer is full stays selected and is retried after 1 ms (upstream removed that pause, which makes
 * this thread spin against the dispatcher that must drain the buffer).
 */
final class SelectorLoop implements DataReceiver, Runnable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SelectorLoop.class);
    private static final Duration REGISTRATION_DEADLINE = Duration.ofSeconds(30);

    private final Selector selector;
    private final DispatcherWakeup dispatcher;
    private final Queue<ChannelRegistration> registrations = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<SelectableChannel, Integer> interestOpsUpdates = new ConcurrentHashMap<>();
    private volatile Thread thread;
    private volatile boolean shutdown;

    @Inject
    SelectorLoop(@ReceiverSelector Selector selector, DispatcherWakeup dispatcher,
            IRuntimeLifecycleBinder lifecycle, Config config) {
        this.selector = selector;
        this.dispatcher = dispatcher;
        String name = String.format("%d.bt.net.data-receiver", config.getAcceptorPort());
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        lifecycle.onStartup("Initialize message receiver", () -> executor.execute(this));
        lifecycle.onShutdown("Shutdown message receiver", () -> {
            shutdown = true;
            executor.shutdownNow();
        });
    }

    @Override
    public void registerChannel(SelectableChannel channel, ChannelHandlerContext context) {
        ChannelRegistration registration = new ChannelRegistration(channel, SelectionKey.OP_READ, context);
        if (Thread.currentThread() == thread) {
            registration.register(selector);
        } else {
            registrations.add(registration);
        }
        long deadline = System.nanoTime() + REGISTRATION_DEADLINE.toNanos();
        try {
            // a wake-up can slip in just before the selector blocks again: wake it again every 10 ms until done
            do {
                if (shutdown || !selector.isOpen()) {
                    throw new IllegalStateException("cannot register a peer channel: the bt runtime is stopping");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("a peer channel was not registered within "
                            + REGISTRATION_DEADLINE.toSeconds() + " s: the selector thread is stuck");
                }
                selector.wakeup();
            } while (!registration.await(10, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering a peer channel", e);
        }
    }

    @Override
    public void unregisterChannel(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            key.cancel();
        }
    }

    @Override
    public void activateChannel(SelectableChannel channel) {
        updateInterestOps(channel, SelectionKey.OP_READ);
    }

    @Override
    public void deactivateChannel(SelectableChannel channel) {
        updateInterestOps(channel, 0);
    }

    private void updateInterestOps(SelectableChannel channel, int ops) {
        interestOpsUpdates.put(channel, ops);
        selector.wakeup();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (!shutdown && selector.isOpen()) {
                applyPendingChanges();
                if (selector.select(1000) == 0) {
                    continue;
                }
                // keys whose channel could not be read whole (inbound buffer full) stay selected: retry them after
                // a pause that lets the dispatcher drain the buffer
                while (!shutdown && !processSelectedKeys()) {
                    Thread.sleep(1);
                    applyPendingChanges();
                    selector.selectNow();
                }
            }
        } catch (ClosedSelectorException e) {
            LOGGER.debug("selector closed, no more peer data is read");
        } catch (IOException e) {
            throw new IllegalStateException("unexpected I/O error selecting peer connections", e);
        } catch (InterruptedException e) {
            LOGGER.debug("interrupted, no more peer data is read");
        } finally {
            failPendingRegistrations();
        }
    }

    /** @return true when every selected key was processed */
    private boolean processSelectedKeys() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            try {
                if (processKey(key)) {
                    keys.remove();
                }
            } catch (ClosedSelectorException e) {
                throw e;
            } catch (IOException e) { // EOF, reset by peer: the handler has closed the connection
                LOGGER.debug("peer channel closed: {}", e.toString());
                keys.remove();
            } catch (RuntimeException e) {
                LOGGER.warn("failed to read a peer channel", e);
                keys.remove();
            }
        }
        return selector.selectedKeys().isEmpty();
    }

    private boolean processKey(SelectionKey key) throws IOException {
        if (!key.isValid() || !key.isReadable()) {
            return true;
        }
        if (!(key.attachment() instanceof ChannelHandlerContext context)) {
            throw new IllegalStateException("unexpected attachment in a selection key: " + key.attachment());
        }
        try {
            return context.readFromChannel();
        } finally {
            dispatcher.wake(); // messages decoded, or a full buffer the dispatcher must drain
        }
    }

    private void applyPendingChanges() {
        for (Map.Entry<SelectableChannel, Integer> update : interestOpsUpdates.entrySet()) {
            SelectableChannel channel = update.getKey();
            int ops = update.getValue();
            SelectionKey key = channel.keyFor(selector);
            try {
                if (key != null) {
                    key.interestOps(ops);
                }
            } catch (RuntimeException e) { // the key was cancelled meanwhile
                LOGGER.debug("cannot set interest ops of {} to {}", channel, ops, e);
            }
            interestOpsUpdates.remove(channel, ops); // unless it changed again meanwhile: then next time
        }
        ChannelRegistration registration;
        while ((registration = registrations.poll()) != null) {
            registration.register(selector);
        }
    }

    private void failPendingRegistrations() {
        ChannelRegistration registration;
        while ((registration = registrations.poll()) != null) {
            registration.fail(new IllegalStateException("the bt runtime is stopping"));
        }
    }
}
