package murder.tracker.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import murder.core.client.TrackerAccess;
import murder.tracker.auth.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin: copies the request out of Netty, lets the {@link Router} answer, writes the answer. Work that touches
 * the store runs on {@code blocking}, never on the event loop; a long-poll holds no thread at all, only a
 * future, a timer on this channel's event loop and a close listener.
 */
public final class TrackerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(TrackerHandler.class);

    private final Router router;
    private final Executor blocking;
    private final RequestObserver observer;

    public TrackerHandler(Router router, Executor blocking) {
        this(router, blocking, RequestObserver.NONE);
    }

    public TrackerHandler(Router router, Executor blocking, RequestObserver observer) {
        this.router = router;
        this.blocking = blocking;
        this.observer = observer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        long started = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (!msg.decoderResult().isSuccess()) {
            write(ctx, null, started, BadRequests.reply(msg.decoderResult().cause()), false);
            return;
        }
        ApiRequest request;
        try {
            request = ApiRequest.of(msg.method().name(), msg.uri(), ByteBufUtil.getBytes(msg.content()),
                    remoteAddress(ctx), Credentials.fromHeaders(msg.headers().get(HttpHeaderNames.AUTHORIZATION),
                            msg.headers().get(TrackerAccess.AGENT_HEADER)));
        } catch (MurderException e) {
            write(ctx, null, started, HttpReply.error(e.kind().httpStatus, e.getMessage()), false);
            return;
        }
        if (router.isInMemory(request)) {
            answer(ctx, request, started, keepAlive);
            return;
        }
        try {
            blocking.execute(() -> answer(ctx, request, started, keepAlive));
        } catch (RejectedExecutionException e) {
            // a full queue answers at once: a client that waits and retries beats a queue without bound
            write(ctx, request, started, BadRequests.busy(blocking), keepAlive);
        }
    }

    private void answer(ChannelHandlerContext ctx, ApiRequest request, long started, boolean keepAlive) {
        ApiResult result = router.handle(request);
        if (result instanceof ApiResult.Done done) {
            write(ctx, request, started, done.reply(), keepAlive);
        } else if (result instanceof ApiResult.Waiting waiting) {
            await(ctx, request, started, waiting, keepAlive);
        }
    }

    private void await(ChannelHandlerContext ctx, ApiRequest request, long started, ApiResult.Waiting waiting,
                       boolean keepAlive) {
        var reply = waiting.reply();
        var timer = ctx.executor().schedule(() -> onTimeout(request, waiting),
                waiting.timeout().toMillis(), TimeUnit.MILLISECONDS);
        GenericFutureListener<Future<Void>> onClose = f -> reply.cancel(false);
        ctx.channel().closeFuture().addListener(onClose);
        reply.whenComplete((value, error) -> {
            timer.cancel(false);
            // keep-alive connections carry many polls: don't pile up listeners on them
            ctx.channel().closeFuture().removeListener(onClose);
            if (value != null) {
                write(ctx, request, started, value, keepAlive);
            } else if (!reply.isCancelled()) {
                write(ctx, request, started, Router.errorReply(request, error), keepAlive);
            }
        });
    }

    /** An answer made beforehand at once; one that reads the store off the event loop. */
    private void onTimeout(ApiRequest request, ApiResult.Waiting waiting) {
        if (!waiting.readsStore()) {
            waiting.reply().complete(waiting.onTimeout().get());
            return;
        }
        try {
            blocking.execute(() -> {
                try {
                    waiting.reply().complete(waiting.onTimeout().get());
                } catch (RuntimeException e) {
                    waiting.reply().complete(Router.errorReply(request, e));
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.reply().complete(BadRequests.busy(blocking));
        }
    }

    private void write(ChannelHandlerContext ctx, ApiRequest request, long started, HttpReply reply,
                       boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        if (reply.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        // every answer is data for one client at one moment (the web page's assets say otherwise for themselves)
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        response.headers().set("X-Content-Type-Options", "nosniff");
        reply.headers().forEach((name, value) -> response.headers().set(name, value));
        HttpUtil.setContentLength(response, reply.body().length);
        observer.answered(request, reply.status(), System.nanoTime() - started);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static InetAddress remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection from {} failed, closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
