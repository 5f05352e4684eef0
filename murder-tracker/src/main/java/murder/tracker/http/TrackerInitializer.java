package murder.tracker.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/**
 * The pipeline, and only that: connection caps, TLS when configured, the request timer around HTTP/1.1 decoding
 * and whole-message aggregation, the tracker's handler.
 */
public final class TrackerInitializer extends ChannelInitializer<SocketChannel> {

    /** Release registrations carry a base64 torrent; 16 MiB leaves room for torrents of very large tarballs. */
    static final int MAX_CONTENT = 16 * 1024 * 1024;
    private static final int MAX_CHUNK = 8 * 1024;

    private final Router router;
    private final Executor blocking;
    private final ConnectionLimits limits;
    private final ConnectionCap cap;
    private final SslContext tls;
    private final RequestObserver observer;

    public TrackerInitializer(Router router, Executor blocking, ConnectionLimits limits) {
        this(router, blocking, limits, null);
    }

    /** @param tls the server's TLS context, or null for plain HTTP */
    public TrackerInitializer(Router router, Executor blocking, ConnectionLimits limits, SslContext tls) {
        this(router, blocking, limits, tls, RequestObserver.NONE);
    }

    /** @param observer told of every answer (the request metrics) */
    public TrackerInitializer(Router router, Executor blocking, ConnectionLimits limits, SslContext tls,
                              RequestObserver observer) {
        this.router = router;
        this.blocking = blocking;
        this.limits = limits;
        this.cap = new ConnectionCap(limits.maxConnectionsPerSource(), limits.maxConnections());
        this.tls = tls;
        this.observer = observer;
    }

    /** Connections open now, as the caps count them (for tests and diagnostics). */
    int openConnections() {
        return cap.open();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RequestTimer timer = new RequestTimer(limits.requestDeadline(), limits.idleTimeout());
        // the cap comes first so that excess connections cost no TLS handshake
        ch.pipeline().addLast("cap", cap);
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("timer-bytes", timer.bytes())
                .addLast("codec", new HttpServerCodec(limits.maxHeaderBytes(), limits.maxHeaderBytes(), MAX_CHUNK))
                .addLast("aggregator", new HttpObjectAggregator(MAX_CONTENT))
                .addLast("timer-exchanges", timer.exchanges())
                .addLast("tracker", new TrackerHandler(router, blocking, observer));
    }
}
