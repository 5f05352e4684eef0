package murder.core.wire;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmProgress;
import murder.core.swarm.SwarmEngine;
import murder.core.swarm.SwarmHandle;
import murder.core.wire.mse.Incoming;
import murder.core.wire.mse.IncomingHandshake;
import murder.core.wire.tracker.HttpAnnouncer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * murder's own BitTorrent engine (BEP 3 peer wire, BEP 23 compact tracker answers, incoming MSE): one listen port,
 * blocking I/O with two threads per peer, blocks sent by sendfile, pieces checked with SHA-1 as they complete.
 * Outgoing connections are plaintext; incoming ones may be plaintext or encrypted, as the other side likes.
 */
public final class WireEngine implements SwarmEngine {

    private static final Logger log = LoggerFactory.getLogger(WireEngine.class);
    private static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    private static final int HANDSHAKE_MS = 10_000;
    private static final byte[] PEER_ID_PREFIX = "-MU0200-".getBytes(StandardCharsets.US_ASCII);
    private static final int CONNECT_MS = 5_000;
    private static final long TICK_MS = 250;
    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(5);

    private final InetAddress address;
    private final ServerSocketChannel server;
    private final int port;
    private final byte[] peerId;
    private final SSLContext trackerTls;
    private final Map<String, WireSwarm> swarms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ExecutorService hashers;
    /** One announce client (and so one HttpClient with its threads) per tracker URL, shared by torrents. */
    private final Map<String, HttpAnnouncer> announcers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private WireEngine(InetAddress address, ServerSocketChannel server, SSLContext trackerTls) throws IOException {
        this.address = address;
        this.server = server;
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        this.trackerTls = trackerTls;
        this.peerId = newPeerId();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("murder-wire-timer"));
        this.workers = Executors.newCachedThreadPool(daemon("murder-wire-worker"));
        this.hashers = Executors.newFixedThreadPool(hashingThreads(), daemon("murder-wire-hash"));
        Thread acceptor = daemon("murder-wire-accept").newThread(this::acceptLoop);
        acceptor.start();
        scheduler.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** @param trackerTls trust for an https announce URL, or null for the system's trust store */
    public static WireEngine start(BtSettings settings, SSLContext trackerTls) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(settings.address(), settings.port()), 256);
            return new WireEngine(settings.address(), server, trackerTls);
        } catch (IOException e) {
            closeQuietly(server);
            throw settings.bindFailed(e);
        }
    }

    @Override
    public SwarmHandle open(byte[] torrent, Path dir, Consumer<SwarmProgress> listener, Role role) {
        Metainfo meta = Metainfo.parse(torrent);
        if (closed) {
            throw new MurderException(MurderException.Kind.UNAVAILABLE, "the BitTorrent engine is closed");
        }
        synchronized (swarms) {
            if (swarms.containsKey(meta.infoHashHex())) {
                throw new MurderException(MurderException.Kind.CONFLICT, "torrent " + meta.name() + " ("
                        + meta.infoHashHex() + ") is still open in this BitTorrent engine: re-use its handle");
            }
            PieceFile file;
            try {
                file = PieceFile.open(meta, dir);
            } catch (IOException e) {
                throw new MurderException(MurderException.Kind.FAILED, e.getMessage(), e);
            }
            WireSwarm swarm = new WireSwarm(this, meta, dir, file, role == Role.INITIAL_SEED, listener);
            swarms.put(meta.infoHashHex(), swarm);
            workers.submit(swarm::start);
            return swarm;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(swarms.values()).forEach(WireSwarm::close);
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
        hashers.shutdownNow();
    }

    // ---- for the swarms

    byte[] peerId() {
        return peerId;
    }

    InetAddress announcedAddress() {
        return address.isAnyLocalAddress() ? null : address;
    }

    SSLContext trackerTls() {
        return trackerTls;
    }

    int hashingThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Runs a piece check on one of the hashing threads (one per CPU). */
    void hash(Runnable task) {
        if (!closed) {
            hashers.submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.debug("a piece check failed: {}", e.toString()); // a read failure also completes failure()
                }
            });
        }
    }

    HttpAnnouncer announcer(String url) {
        return announcers.computeIfAbsent(url, u -> new HttpAnnouncer(URI.create(u), trackerTls, ANNOUNCE_TIMEOUT));
    }

    void background(Runnable task) {
        if (!closed) {
            workers.submit(task);
        }
    }

    boolean isSelf(InetSocketAddress peer) {
        return peer.getPort() == port && (peer.getAddress().equals(address)
                || address.isAnyLocalAddress() && peer.getAddress().isLoopbackAddress());
    }

    void forget(WireSwarm swarm) {
        swarms.remove(swarm.infoHash(), swarm);
    }

    /** Connects out (plaintext) and hands the peer to the swarm, or tells it the address failed. */
    void dial(WireSwarm swarm, InetSocketAddress peer) {
        background(() -> {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                if (!address.isAnyLocalAddress()) {
                    channel.bind(new InetSocketAddress(address, 0));
                }
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.socket().connect(peer, CONNECT_MS);
                channel.socket().setSoTimeout(HANDSHAKE_MS);
                OutputStream out = channel.socket().getOutputStream();
                out.write(handshake(swarm.meta().infoHash(), peerId));
                byte[] theirs = channel.socket().getInputStream().readNBytes(68);
                byte[] id = checkHandshake(theirs, swarm.meta().infoHash());
                channel.socket().setSoTimeout(0);
                if (swarm.attach(PeerIo.plain(channel), id, true, peer) == null) {
                    channel.close();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("{}: cannot connect to {}: {}", swarm.name(), peer, e.toString());
                swarm.dialFailed(peer);
                closeQuietly(channel);
            }
        });
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                background(() -> incoming(channel));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("accepting a peer connection failed: {}", e.getMessage());
                }
            }
        }
    }

    /** A peer dialed in: plaintext or MSE, then the BitTorrent handshake naming one of our torrents. */
    private void incoming(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().setSoTimeout(HANDSHAKE_MS);
            InputStream in = channel.socket().getInputStream();
            OutputStream out = channel.socket().getOutputStream();
            byte[] first = in.readNBytes(20);
            PeerIo io;
            byte[] theirs;
            if (first.length == 20 && first[0] == 19 && Arrays.equals(first, 1, 20, PROTOCOL, 0, 19)) {
                theirs = concat(first, in.readNBytes(48));
                io = PeerIo.plain(channel);
            } else {
                List<byte[]> hashes = swarms.values().stream().map(s -> s.meta().infoHash()).toList();
                Incoming encrypted = IncomingHandshake.accept(
                        new SequenceInputStream(new ByteArrayInputStream(first), in), out, hashes);
                theirs = encrypted.in().readNBytes(68);
                out = encrypted.out();
                io = PeerIo.streams(channel, encrypted.in(), encrypted.out());
            }
            if (theirs.length < 68) {
                throw new IOException("handshake cut short after " + theirs.length + " bytes");
            }
            WireSwarm swarm = swarms.get(java.util.HexFormat.of().formatHex(theirs, 28, 48));
            if (swarm == null) {
                throw new IOException("asks for a torrent not open here");
            }
            byte[] id = checkHandshake(theirs, swarm.meta().infoHash());
            out.write(handshake(swarm.meta().infoHash(), peerId));
            out.flush();
            channel.socket().setSoTimeout(0);
            if (swarm.attach(io, id, false, null) == null) {
                channel.close();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("refused a connection from {}: {}", remote(channel), e.toString());
            closeQuietly(channel);
        }
    }

    /** The 68-byte BitTorrent handshake: no extension bits, as the engine speaks none. */
    static byte[] handshake(byte[] infoHash, byte[] peerId) {
        byte[] h = new byte[68];
        h[0] = 19;
        System.arraycopy(PROTOCOL, 0, h, 1, 19);
        System.arraycopy(infoHash, 0, h, 28, 20);
        System.arraycopy(peerId, 0, h, 48, 20);
        return h;
    }

    /** @return the peer id */
    private byte[] checkHandshake(byte[] h, byte[] infoHash) throws IOException {
        if (h.length < 68 || h[0] != 19 || !Arrays.equals(h, 1, 20, PROTOCOL, 0, 19)) {
            throw new IOException("not a BitTorrent handshake");
        }
        if (!Arrays.equals(h, 28, 48, infoHash, 0, 20)) {
            throw new IOException("handshake for another torrent");
        }
        byte[] id = Arrays.copyOfRange(h, 48, 68);
        if (Arrays.equals(id, peerId)) {
            throw new IOException("connected to itself");
        }
        return id;
    }

    private void tick() {
        for (WireSwarm swarm : swarms.values()) {
            try {
                swarm.tick();
            } catch (RuntimeException e) {
                log.warn("{}: housekeeping failed", swarm.name(), e);
            }
        }
    }

    private static byte[] newPeerId() {
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        System.arraycopy(PEER_ID_PREFIX, 0, id, 0, PEER_ID_PREFIX.length);
        return id;
    }

    /** murder's peer ids start "-MU" (Azureus style: client code, then version digits). */
    static boolean isMurderPeerId(byte[] id) {
        return id.length >= 3 && id[0] == '-' && id[1] == 'M' && id[2] == 'U';
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String remote(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    private static void closeQuietly(Closeable channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
