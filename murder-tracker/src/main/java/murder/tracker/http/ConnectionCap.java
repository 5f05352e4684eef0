package murder.tracker.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open connections, per source address and in all: one instance per server, shared by every channel.
 * A connection over a cap is closed before it reads a byte; the refusal is logged at most once a minute per
 * source, so a flood cannot flood the log too.
 */
@ChannelHandler.Sharable
final class ConnectionCap extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private static final InetAddress UNKNOWN = InetAddress.getLoopbackAddress();

    private final int perSource;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> bySource = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Long> lastLogged = new ConcurrentHashMap<>();

    ConnectionCap(int perSource, int total) {
        this.perSource = perSource;
        this.total = total;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress source = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : UNKNOWN;
        if (!admit(source)) {
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(f -> release(source));
        super.channelActive(ctx);
    }

    /** Open connections now (for tests and diagnostics). */
    int open() {
        return open.get();
    }

    private boolean admit(InetAddress source) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            refused(source, "the tracker has " + total + " connections open (its cap)");
            return false;
        }
        AtomicInteger mine = bySource.compute(source, (k, v) -> v == null ? new AtomicInteger(1) : incremented(v));
        if (mine.get() > perSource) {
            release(source);
            refused(source, source.getHostAddress() + " has " + perSource + " connections open (the per-source cap, "
                    + "--max-connections-per-source)");
            return false;
        }
        return true;
    }

    private static AtomicInteger incremented(AtomicInteger v) {
        v.incrementAndGet();
        return v;
    }

    private void release(InetAddress source) {
        open.decrementAndGet();
        // drop the entry with its last connection, atomically with respect to admit()
        bySource.computeIfPresent(source, (k, v) -> v.decrementAndGet() <= 0 ? null : v);
    }

    private void refused(InetAddress source, String why) {
        long now = System.nanoTime();
        Long last = lastLogged.get(source);
        if (last != null && now - last < LOG_EVERY_NANOS) {
            return;
        }
        if (lastLogged.size() > 10_000) {
            lastLogged.values().removeIf(t -> now - t >= LOG_EVERY_NANOS);
        }
        if (last == null ? lastLogged.putIfAbsent(source, now) == null : lastLogged.replace(source, last, now)) {
            log.warn("refusing connections from {}: {} (logged once a minute per source)",
                    source.getHostAddress(), why);
        }
    }
}
