package murder.tracker.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;

/** The listening socket and its event loops: bind, report the port, close. */
public final class TrackerServer implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private TrackerServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    public static TrackerServer bind(String host, int port, ChannelInitializer<SocketChannel> initializer) {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("murder-tracker-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("murder-tracker-io", true));
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(new InetSocketAddress(host, port))
                    .syncUninterruptibly()
                    .channel();
            return new TrackerServer(boss, workers, channel);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            shutdown(boss, workers);
            throw cannotListen(host, port, e);
        }
    }

    /** What the operator can do about a socket that cannot be bound: BAD_INPUT, it is --port or --bind. */
    static MurderException cannotListen(String host, int port, Exception e) {
        String reason = e instanceof java.nio.channels.UnresolvedAddressException ? "cannot resolve " + host
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint;
        if (reason.contains("Address already in use")) {
            hint = "port " + port + " is in use (another tracker?): stop that process or choose another --port";
        } else if (reason.contains("Permission denied")) {
            hint = "ports below 1024 need root or CAP_NET_BIND_SERVICE: choose a port from 1024 up";
        } else if (reason.contains("Cannot assign requested address")
                || e instanceof java.nio.channels.UnresolvedAddressException) {
            hint = "--bind " + host + " is not an address of this host: use one it has, or 0.0.0.0 for all";
        } else {
            hint = "check --bind and --port";
        }
        return new MurderException(MurderException.Kind.BAD_INPUT, "cannot listen on " + host + ":" + port + " ("
                + reason + "): " + hint, e);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Stops accepting, closes open connections (pending long-polls are dropped with them). Idempotent. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdown(boss, workers);
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
