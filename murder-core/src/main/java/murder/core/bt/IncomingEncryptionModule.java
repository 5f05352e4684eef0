package murder.core.bt;

import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.module.BitTorrentProtocol;
import bt.module.PeerConnectionSelector;
import bt.net.ConnectionResult;
import bt.net.DataReceiver;
import bt.net.IConnectionHandlerFactory;
import bt.net.IPeerConnectionFactory;
import bt.net.Peer;
import bt.net.PeerConnectionFactory;
import bt.net.SharedSelector;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.protocol.Message;
import bt.protocol.handler.MessageHandler;
import bt.runtime.Config;
import bt.torrent.TorrentRegistry;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Lets standard clients connect to murder's peers with stream encryption (MSE) or without, while murder's own
 * outgoing connections stay plaintext.
 *
 * <p>bt 1.10 has one switch for both directions ({@code Config.mseDisabled}), read by the {@code
 * MSEHandshakeProcessor} that its {@link PeerConnectionFactory} makes for itself. With MSE on, every outgoing
 * connection runs the full Diffie-Hellman exchange even when plaintext is preferred, polling the socket once a
 * second (about 3 s per connection); with it off, an incoming MSE handshake is read as a bad plaintext one and the
 * connection dropped, and libtorrent, aria2 and Transmission, which try MSE first, lose seconds retrying in
 * plaintext. So this module replaces bt's {@link IPeerConnectionFactory} (a custom module overrides bt's binding)
 * by two of bt's own factories: outgoing connections go through one with MSE off, incoming ones through one with
 * MSE on. bt's incoming negotiation first tries to read a plaintext handshake and only then runs MSE, so murder's
 * plaintext peers are still accepted; it polls the socket every {@link #INCOMING_POLL} instead of every second.
 * The encryption policy stays bt's default, prefer plaintext: a client that offers both gets an MSE handshake and a
 * plaintext stream, one that requires RC4 gets RC4.
 */
public final class IncomingEncryptionModule implements Module {

    /** Between two reads of a socket during an incoming handshake: bt's default of 1 s made each one last seconds. */
    static final Duration INCOMING_POLL = Duration.ofMillis(5);

    @Override
    public void configure(Binder binder) {
        // the binding is the provider method below
    }

    @Provides
    @Singleton
    public IPeerConnectionFactory peerConnectionFactory(@PeerConnectionSelector SharedSelector selector,
            IConnectionHandlerFactory handlers, @BitTorrentProtocol MessageHandler<Message> protocol,
            TorrentRegistry torrents, IChannelPipelineFactory pipelines, IBufferManager buffers, DataReceiver receiver,
            EventSource events, Config config) {
        Config outgoing = new Config(config);
        outgoing.setMseDisabled(true);
        Config incoming = new Config(config);
        incoming.setMseDisabled(false);
        incoming.setMseWaitBetweenReads(INCOMING_POLL);
        return new ByDirection(
                new PeerConnectionFactory(selector, handlers, pipelines, protocol, torrents, buffers, receiver, events,
                        outgoing),
                new PeerConnectionFactory(selector, handlers, pipelines, protocol, torrents, buffers, receiver, events,
                        incoming));
    }

    /** Outgoing connections through one factory, incoming ones through the other. */
    static final class ByDirection implements IPeerConnectionFactory {
        private final IPeerConnectionFactory outgoing;
        private final IPeerConnectionFactory incoming;

        ByDirection(IPeerConnectionFactory outgoing, IPeerConnectionFactory incoming) {
            this.outgoing = outgoing;
            this.incoming = incoming;
        }

        @Override
        public ConnectionResult createOutgoingConnection(Peer peer, TorrentId torrentId) {
            return outgoing.createOutgoingConnection(peer, torrentId);
        }

        @Override
        public ConnectionResult createIncomingConnection(Peer peer, SocketChannel channel) {
            return incoming.createIncomingConnection(peer, channel);
        }
    }
}
