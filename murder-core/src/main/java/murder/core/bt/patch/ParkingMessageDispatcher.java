package murder.core.bt.patch;

import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.net.IMessageDispatcher;
import bt.net.IPeerConnectionPool;
import bt.net.PeerConnection;
import bt.protocol.Message;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.TorrentRegistry;
import com.google.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces bt 1.10's {@code bt.net.MessageDispatcher}, the one thread that moves messages between every peer
 * connection and the torrents' workers. Ports upstream commit 579bb85fe (bt #255) and adds parking.
 *
 * <p>From #255: one consumer and one supplier per connection, a new one replacing the old (1.10 collected them in
 * sets, so a peer that reconnected under the same key had its messages handled twice), and the entry of a connection
 * that is closed or gone is removed (1.10 never removed them: every pass visited every connection ever made, which
 * slowed long-running agents).
 *
 * <p>Added here: when a pass moved no message the thread parks until {@link DispatcherWakeup} is woken (data read,
 * disk I/O done, a piece verified, a peer joined) or a timeout passes that doubles from 1 ms up to
 * {@code Config.maxMessageProcessingInterval}. 1.10 had the same doubling but nothing to wake it, so it took a 1 ms
 * cap to keep transfers fast, and idle seeders woke 1,000 times a second. Time-driven work (choking, assignment
 * timeouts) still runs within the cap.
 */
final class ParkingMessageDispatcher implements IMessageDispatcher {

    private static final Logger LOGGER = LoggerFactory.getLogger(ParkingMessageDispatcher.class);

    private final Map<TorrentId, Map<ConnectionKey, Consumer<Message>>> consumers = new ConcurrentHashMap<>();
    private final Map<TorrentId, Map<ConnectionKey, Supplier<Message>>> suppliers = new ConcurrentHashMap<>();
    /** held when adding, and when removing a torrent's empty map or a dead connection's entry, so no add is lost */
    private final Object modificationLock = new Object();
    private final IPeerConnectionPool pool;
    private final TorrentRegistry torrents;
    private final DispatcherWakeup wakeup;
    private final long maxIdleMillis;
    private final AtomicLong passes = new AtomicLong();
    private volatile boolean shutdown;

    @Inject
    ParkingMessageDispatcher(IRuntimeLifecycleBinder lifecycle, IPeerConnectionPool pool, TorrentRegistry torrents,
            DispatcherWakeup wakeup, Config config) {
        this.pool = pool;
        this.torrents = torrents;
        this.wakeup = wakeup;
        this.maxIdleMillis = Math.max(1, config.getMaxMessageProcessingInterval().toMillis());
        String name = String.format("%d.bt.net.message-dispatcher", config.getAcceptorPort());
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        lifecycle.onStartup("Initialize message dispatcher", () -> executor.execute(this::loop));
        lifecycle.onShutdown("Shutdown message dispatcher", () -> {
            shutdown = true;
            executor.shutdownNow();
        });
    }

    @Override
    public void addMessageConsumer(ConnectionKey key, Consumer<Message> consumer) {
        synchronized (modificationLock) {
            consumers.computeIfAbsent(key.getTorrentId(), t -> new ConcurrentHashMap<>()).put(key, consumer);
        }
        wakeup.wake();
    }

    @Override
    public void addMessageSupplier(ConnectionKey key, Supplier<Message> supplier) {
        synchronized (modificationLock) {
            suppliers.computeIfAbsent(key.getTorrentId(), t -> new ConcurrentHashMap<>()).put(key, supplier);
        }
        wakeup.wake();
    }

    /** Passes over the connections so far: an idle runtime makes about 1000 / maxMessageProcessingInterval a second. */
    long passes() {
        return passes.get();
    }

    /** How many connections have a consumer or supplier registered now (for tests). */
    int registeredConnections() {
        return consumers.values().stream().mapToInt(Map::size).sum()
                + suppliers.values().stream().mapToInt(Map::size).sum();
    }

    private void loop() {
        long idleMillis = 1;
        try {
            while (!shutdown) {
                int moved;
                try {
                    moved = dispatchOnce();
                } catch (RuntimeException e) { // never let one bad pass end the thread: the runtime would go deaf
                    LOGGER.error("message dispatching pass failed", e);
                    moved = 0;
                }
                if (moved > 0) {
                    idleMillis = 1;
                } else if (wakeup.await(idleMillis, TimeUnit.MILLISECONDS)) {
                    idleMillis = 1;
                } else {
                    idleMillis = Math.min(idleMillis * 2, maxIdleMillis);
                }
            }
        } catch (InterruptedException e) {
            LOGGER.debug("interrupted, no more messages are dispatched");
        }
    }

    /** One pass over every connection: read what arrived, then ask each peer worker for what to send. */
    int dispatchOnce() {
        passes.incrementAndGet();
        int moved = 0;
        for (Iterator<Map.Entry<TorrentId, Map<ConnectionKey, Consumer<Message>>>> it = consumers.entrySet()
                .iterator(); it.hasNext(); ) {
            Map.Entry<TorrentId, Map<ConnectionKey, Consumer<Message>>> torrent = it.next();
            if (!removedIfEmpty(torrent.getValue(), it) && torrents.isSupportedAndActive(torrent.getKey())) {
                moved += receive(torrent.getValue());
            }
        }
        for (Iterator<Map.Entry<TorrentId, Map<ConnectionKey, Supplier<Message>>>> it = suppliers.entrySet()
                .iterator(); it.hasNext(); ) {
            Map.Entry<TorrentId, Map<ConnectionKey, Supplier<Message>>> torrent = it.next();
            if (!removedIfEmpty(torrent.getValue(), it) && torrents.isSupportedAndActive(torrent.getKey())) {
                moved += send(torrent.getValue());
            }
        }
        return moved;
    }

    private int receive(Map<ConnectionKey, Consumer<Message>> peers) {
        int moved = 0;
        for (Iterator<Map.Entry<ConnectionKey, Consumer<Message>>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ConnectionKey, Consumer<Message>> peer = it.next();
            PeerConnection connection = pool.getConnection(peer.getKey());
            if (!isOpen(connection)) {
                removeIfStillClosed(peer.getKey(), it);
                continue;
            }
            for (;;) {
                Message message;
                try {
                    message = connection.readMessageNow();
                } catch (Exception e) {
                    LOGGER.debug("cannot read a message from peer {}", peer.getKey().getPeer(), e);
                    break;
                }
                if (message == null) {
                    break;
                }
                moved++;
                try {
                    peer.getValue().accept(message);
                } catch (Exception e) {
                    LOGGER.warn("error in a message consumer", e);
                }
            }
        }
        return moved;
    }

    private int send(Map<ConnectionKey, Supplier<Message>> peers) {
        int moved = 0;
        for (Iterator<Map.Entry<ConnectionKey, Supplier<Message>>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ConnectionKey, Supplier<Message>> peer = it.next();
            PeerConnection connection = pool.getConnection(peer.getKey());
            if (!isOpen(connection)) {
                removeIfStillClosed(peer.getKey(), it);
                continue;
            }
            Message message;
            try {
                message = peer.getValue().get();
            } catch (Exception e) {
                LOGGER.warn("error in a message supplier", e);
                continue;
            }
            if (message != null) {
                moved++;
                try {
                    connection.postMessage(message);
                } catch (Exception e) {
                    LOGGER.debug("cannot send a message to peer {}", peer.getKey().getPeer(), e);
                }
            }
        }
        return moved;
    }

    private static boolean isOpen(PeerConnection connection) {
        return connection != null && !connection.isClosed();
    }

    /** A peer that reconnected under the same key since the check keeps its (equivalent) entry. */
    private void removeIfStillClosed(ConnectionKey key, Iterator<?> it) {
        synchronized (modificationLock) {
            if (!isOpen(pool.getConnection(key))) {
                it.remove();
            }
        }
    }

    private boolean removedIfEmpty(Map<?, ?> peers, Iterator<?> it) {
        if (!peers.isEmpty()) {
            return false;
        }
        synchronized (modificationLock) {
            if (peers.isEmpty()) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
