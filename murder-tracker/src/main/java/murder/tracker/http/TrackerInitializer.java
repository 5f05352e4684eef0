package murder.tracker.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/**
 * The pipeline, and only that: TLS when configured, HTTP/1.1 codec, whole-message aggregation, the tracker's
 * handler.
 */
public final class TrackerInitializer extends ChannelInitializer<SocketChannel> {

    /** Release registrations carry a base64 torrent; 16 MiB leaves room for torrents of very large tarballs. */
    static final int MAX_CONTENT = 16 * 1024 * 1024;

    private final Router router;
    private final Executor blocking;
    private final SslContext tls;

    public TrackerInitializer(Router router, Executor blocking) {
        this(router, blocking, null);
    }

    /** @param tls the server's TLS context, or null for plain HTTP */
    public TrackerInitializer(Router router, Executor blocking, SslContext tls) {
        this.router = router;
        this.blocking = blocking;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregator", new HttpObjectAggregator(MAX_CONTENT))
                .addLast("tracker", new TrackerHandler(router, blocking));
    }
}
