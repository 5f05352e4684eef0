import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmProgress;
import murder.core.bt.SwarmSession;
import murder.core.swarm.SwarmEngine.Role;
import murder.core.swarm.SwarmHandle;
import murder.core.torrent.TorrentFactory;
import murder.core.wire.WireEngine;

/**
 * The processes of bench/single-link.sh, one role per JVM, all on 127.0.0.1. Run as a single-file program
 * ({@code java -cp murder-cli/target/murder.jar bench/SingleLink.java ROLE ...}) or compiled once with javac.
 *
 * <pre>
 *   tracker PORT_FILE                          a minimal BEP 23 tracker (compact IPv4 peers per info-hash)
 *   torrent FILE ANNOUNCE_URL OUT              the torrent murder makes for FILE
 *   raw-send FILE PORT_FILE STOP               listens, sends FILE over one socket by FileChannel.transferTo
 *   raw-recv PORT OUT TIMEOUT_S                receives into OUT, then FileChannel.force
 *   seed wire|bt TORRENT DIR READY STOP        seeds DIR (wire: Role.INITIAL_SEED) until the file STOP appears
 *   leech wire|bt TORRENT DIR TIMEOUT_S        downloads into DIR (pieces SHA-1 checked by the engine), exits
 * </pre>
 *
 * The receiving roles print one line {@code RESULT seconds=S cpu=C bytes=B first=F}: S from connect (raw) or open()
 * (engines) to the data being complete and forced to disk, C the process's CPU seconds over the same span (all
 * threads, JIT included), F (engines) the seconds until the first downloaded bytes showed in the engine's progress
 * (announce, connect, handshake, first request; polled every 20 ms, bt updates its progress every 250 ms), else -1. A role that misses its deadline prints {@code FAILED ...} naming itself and exits 1.
 */
public class SingleLink {

    private static final BtSettings LOOPBACK = new BtSettings(InetAddress.getLoopbackAddress(), 0);

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "tracker" -> tracker(Path.of(arg(args, 1)));
            case "torrent" -> {
                TorrentFactory.MadeTorrent t = TorrentFactory.make(Path.of(arg(args, 1)), arg(args, 2));
                Files.write(Path.of(arg(args, 3)), t.bytes());
                System.out.println(t.infoHash() + " piece " + t.pieceSize());
            }
            case "raw-send" -> rawSend(Path.of(arg(args, 1)), Path.of(arg(args, 2)), Path.of(arg(args, 3)));
            case "raw-recv" -> rawRecv(Integer.parseInt(arg(args, 1)), Path.of(arg(args, 2)),
                    Long.parseLong(arg(args, 3)));
            case "seed" -> seed(arg(args, 1), Files.readAllBytes(Path.of(arg(args, 2))), Path.of(arg(args, 3)),
                    Path.of(arg(args, 4)), Path.of(arg(args, 5)));
            case "leech" -> leech(arg(args, 1), Files.readAllBytes(Path.of(arg(args, 2))), Path.of(arg(args, 3)),
                    Long.parseLong(arg(args, 4)));
            default -> usage();
        }
    }

    // ---- tracker

    /** Peers per info-hash; a stopped announce removes one, and one silent for 60 s is forgotten. */
    private static void tracker(Path portFile) throws IOException, InterruptedException {
        Map<String, Map<Integer, Long>> swarms = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/announce", exchange -> announce(exchange, swarms));
        server.start();
        writeAtomically(portFile, String.valueOf(server.getAddress().getPort()));
        Thread.sleep(Long.MAX_VALUE); // until the script kills it
    }

    private static void announce(HttpExchange exchange, Map<String, Map<Integer, Long>> swarms) throws IOException {
        int port = -1;
        boolean stopped = false;
        String hash = "";
        for (String param : exchange.getRequestURI().getRawQuery().split("&")) {
            if (param.startsWith("port=")) {
                // bt percent-encodes even digits
                port = Integer.parseInt(URLDecoder.decode(param.substring(5), StandardCharsets.US_ASCII));
            } else if (param.startsWith("info_hash=")) {
                hash = URLDecoder.decode(param.substring(10), StandardCharsets.ISO_8859_1);
            }
            stopped |= param.equals("event=stopped");
        }
        Map<Integer, Long> peers = swarms.computeIfAbsent(hash, h -> new ConcurrentHashMap<>());
        long now = System.currentTimeMillis();
        peers.values().removeIf(t -> now - t > 60_000);
        if (stopped) {
            peers.remove(port);
        } else if (port > 0) {
            peers.put(port, now);
        }
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        for (int p : peers.keySet()) {
            compact.writeBytes(new byte[] {127, 0, 0, 1, (byte) (p >> 8), (byte) p});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("d8:intervali1e5:peers" + compact.size() + ":").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(compact.toByteArray());
        body.write('e');
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    // ---- raw TCP baseline

    /** Stays up after the transfer until STOP appears, so that the script can read its CPU time in /proc. */
    private static void rawSend(Path file, Path portFile, Path stop) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            writeAtomically(portFile, String.valueOf(((InetSocketAddress) server.getLocalAddress()).getPort()));
            try (SocketChannel socket = server.accept(); FileChannel in = FileChannel.open(file)) {
                long size = in.size();
                long sent = 0;
                while (sent < size) {
                    long n = in.transferTo(sent, size - sent, socket);
                    if (n <= 0) {
                        throw new IOException("raw sender: short transfer at " + sent + " of " + size);
                    }
                    sent += n;
                }
                socket.shutdownOutput();
                // wait for the receiver to hang up, so the sender's CPU covers the whole transfer
                socket.read(ByteBuffer.allocate(1));
            }
        }
        awaitStop(stop, "raw TCP sender");
    }

    private static void rawRecv(int port, Path out, long timeoutS) throws IOException {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long total = 0;
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
             FileChannel file = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            socket.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(timeoutS));
            ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
            while (socket.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    total += file.write(buffer);
                }
                buffer.clear();
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(timeoutS)) {
                    fail("raw TCP receiver did not finish within " + timeoutS + " s (" + total + " bytes)");
                }
            }
            file.force(true);
        }
        result(t0, cpu0, total, -1);
    }

    // ---- engines

    /** Something that seeds or leeches one torrent: the wire engine's handle or a bt session with its runtime. */
    private interface Side extends AutoCloseable {
        CompletableFuture<Void> downloaded();

        CompletableFuture<String> failure();

        SwarmProgress progress();

        @Override
        void close();
    }

    /** A started engine (its listen port open), ready to open the torrent. */
    private interface Engine {
        Side open(byte[] torrent, Path dir, boolean initialSeed);
    }

    private static Engine start(String engine) {
        switch (engine) {
            case "wire" -> {
                WireEngine wire = WireEngine.start(LOOPBACK, null);
                return (torrent, dir, initialSeed) -> {
                    SwarmHandle handle = wire.open(torrent, dir, p -> { },
                            initialSeed ? Role.INITIAL_SEED : Role.PEER);
                    return side(handle.downloaded(), handle.failure(), handle::progress, () -> {
                        handle.close();
                        wire.close();
                    });
                };
            }
            case "bt" -> {
                bt.runtime.BtRuntime runtime = BtRuntimeFactory.create(LOOPBACK);
                return (torrent, dir, initialSeed) -> {
                    SwarmSession session = SwarmSession.start(runtime, torrent, dir, p -> { });
                    return side(session.downloaded(), session.failure(), session::progress, () -> {
                        session.close();
                        runtime.shutdown();
                    });
                };
            }
            default -> throw new IllegalArgumentException("engine must be wire or bt, not " + engine);
        }
    }

    private static Side side(CompletableFuture<Void> downloaded, CompletableFuture<String> failure,
                             Supplier<SwarmProgress> progress, Runnable close) {
        return new Side() {
            public CompletableFuture<Void> downloaded() {
                return downloaded;
            }

            public CompletableFuture<String> failure() {
                return failure;
            }

            public SwarmProgress progress() {
                return progress.get();
            }

            public void close() {
                close.run();
            }
        };
    }

    /** wire: Role.INITIAL_SEED, as the release host seeds; bt has no such role (SwarmSession seeds plainly). */
    private static void seed(String engine, byte[] torrent, Path dir, Path ready, Path stop) throws Exception {
        Side side = start(engine).open(torrent, dir, true);
        await(side, engine + " seeder (checking its complete file)", 600);
        writeAtomically(ready, "ready");
        awaitStop(stop, engine + " seeder");
        side.close();
        System.exit(0);
    }

    /** The clock (and CPU count) starts at open(): the engine's start is not counted, agents are long-running. */
    private static void leech(String engine, byte[] torrent, Path dir, long timeoutS) throws Exception {
        Engine started = start(engine);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Side side = started.open(torrent, dir, false);
        try {
            long left = timeoutS - TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            long firstData = await(side, engine + " leecher", Math.max(1, left));
            // the wire engine forces the file itself before it reports downloaded; bt does not: force here, for both,
            // so every system ends with the data on disk (cheap when already clean)
            long size;
            try (FileChannel file = FileChannel.open(onlyFile(dir), StandardOpenOption.WRITE)) {
                file.force(true);
                size = file.size();
            }
            result(t0, cpu0, size, firstData < 0 ? -1 : (firstData - t0) / 1e9);
        } finally {
            side.close();
        }
        System.exit(0);
    }

    /**
     * Waits (bounded) for the download to complete.
     *
     * @return when (System.nanoTime) the first downloaded bytes were seen, polling every 20 ms (bt's progress itself
     *         is only updated every 250 ms), or -1 if none were downloaded
     */
    private static long await(Side side, String who, long timeoutS) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        long firstData = -1;
        while (true) {
            if (side.failure().isDone()) {
                fail(who + ": " + side.failure().getNow(""));
            }
            if (firstData < 0 && side.progress().downloaded() > 0) {
                firstData = System.nanoTime();
            }
            try {
                side.downloaded().get(20, TimeUnit.MILLISECONDS);
                return firstData;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    SwarmProgress p = side.progress();
                    fail(who + " did not complete within " + timeoutS + " s: " + p.piecesComplete() + " of "
                            + p.piecesTotal() + " pieces, " + p.downloaded() + " bytes down, " + p.peers()
                            + " peers");
                }
            }
        }
    }

    private static void awaitStop(Path stop, String who) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
        while (!Files.exists(stop)) {
            if (System.nanoTime() > deadline) {
                fail(who + " was never told to stop");
            }
            Thread.sleep(50);
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException("no file in " + dir));
        }
    }

    // ---- bits

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** @param firstS seconds from the start to the first downloaded bytes, or -1 */
    private static void result(long t0, long cpu0, long bytes, double firstS) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        System.out.printf("RESULT seconds=%.3f cpu=%.2f bytes=%d first=%.2f%n", seconds, cpu, bytes, firstS);
        System.out.flush();
    }

    private static void fail(String why) {
        System.out.println("FAILED " + why);
        System.err.println("FAILED " + why);
        System.out.flush();
        System.exit(1);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String arg(String[] args, int i) {
        if (i >= args.length) {
            usage();
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: SingleLink tracker PORT_FILE | torrent FILE ANNOUNCE OUT | raw-send FILE PORT_FILE"
                + " | raw-recv PORT OUT TIMEOUT_S | seed wire|bt TORRENT DIR READY STOP"
                + " | leech wire|bt TORRENT DIR TIMEOUT_S");
        System.exit(2);
    }
}
