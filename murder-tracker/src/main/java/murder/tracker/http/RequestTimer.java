package murder.tracker.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per connection, one timer for the phase it is in. Receiving (from the connect, or from the first byte after
 * an answer): the whole request must arrive within the request deadline, however slowly bytes trickle in, else
 * 408 and close; an idle timeout alone would let a slowloris client keep a connection forever with one byte
 * every few seconds. In flight (request received, answer not written yet, e.g. a long-poll): no timer, the
 * handler owns the wait. Idle (answer written, keep-alive): closed after the idle timeout.
 *
 * <p>It needs two places in the pipeline: {@link #bytes()} before the HTTP codec sees the first raw bytes,
 * {@link #exchanges()} after the aggregator sees whole requests and the answers to them. Both run on the
 * channel's event loop, so the state needs no locking.
 */
final class RequestTimer {

    private static final Logger log = LoggerFactory.getLogger(RequestTimer.class);
    private static final byte[] TIMEOUT_ANSWER = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: 61\r\n\r\n"
            + "{\"error\":\"the request did not arrive whole in time; resend\"}\n").getBytes(US_ASCII);

    private enum Phase { RECEIVING, IN_FLIGHT, IDLE }

    private final long deadlineMs;
    private final long idleMs;
    private Phase phase = Phase.IDLE;
    private int inFlight;
    private ScheduledFuture<?> timer;

    RequestTimer(Duration requestDeadline, Duration idleTimeout) {
        this.deadlineMs = requestDeadline.toMillis();
        this.idleMs = idleTimeout.toMillis();
    }

    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                receiving(ctx); // a client connects to send a request: the deadline runs from now
                super.channelActive(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (phase == Phase.IDLE) {
                    receiving(ctx);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }
        };
    }

    ChannelDuplexHandler exchanges() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof FullHttpRequest) {
                    inFlight++;
                    phase = Phase.IN_FLIGHT;
                    cancel();
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof FullHttpResponse && inFlight > 0 && --inFlight == 0) {
                    idle(ctx);
                }
                super.write(ctx, msg, promise);
            }
        };
    }

    private void receiving(ChannelHandlerContext ctx) {
        phase = Phase.RECEIVING;
        schedule(ctx, deadlineMs, () -> {
            log.debug("{} did not send a whole request within {} ms; closing", ctx.channel().remoteAddress(),
                    deadlineMs);
            // written below the HTTP codec on purpose: it holds a half-decoded request
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT_ANSWER)).addListener(ChannelFutureListener.CLOSE);
        });
    }

    private void idle(ChannelHandlerContext ctx) {
        phase = Phase.IDLE;
        schedule(ctx, idleMs, () -> {
            log.debug("{} idle for {} ms; closing", ctx.channel().remoteAddress(), idleMs);
            ctx.close();
        });
    }

    private void schedule(ChannelHandlerContext ctx, long ms, Runnable onTimeout) {
        cancel();
        timer = ctx.executor().schedule(onTimeout, ms, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
