package murder.core.bt.patch;

import bt.data.ChunkVerifier;
import bt.module.PeerConnectionSelector;
import bt.net.DataReceiver;
import bt.net.IMessageDispatcher;
import bt.net.SharedSelector;
import bt.net.buffer.IBufferManager;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.TorrentRegistry;
import bt.torrent.data.BlockCache;
import bt.torrent.data.DataWorker;
import bt.torrent.data.DefaultDataWorker;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;

/**
 * bt 1.10 with fixes from bt's unreleased master, through bt's extension point: BtRuntimeBuilder combines its
 * standard modules with custom ones as {@code Modules.override(standard).with(custom)}, so the bindings here replace
 * bt's (see each class for the upstream commit it ports and what differs):
 *
 * <ul>
 * <li>{@link SelectorLoop} for bt's DataReceivingLoop: channels registered by the selector thread (#252, the
 * single-CPU livelock);
 * <li>{@link ParkingMessageDispatcher} for bt's MessageDispatcher: dead connections forgotten (#255), and parking
 * instead of polling every 1 ms when there is nothing to do;
 * <li>{@link ReleaseSafeBufferManager} for bt's BufferManager: no lock left held on a released buffer (#207);
 * <li>{@link WakingDataWorker} around bt's DefaultDataWorker: finished disk I/O wakes the dispatcher.
 * </ul>
 *
 * bt's SharedSelector stays bound (its connection factory and acceptor take it, only to open sockets) but wraps the
 * same plain selector and is never selected on, so nothing takes its lock any more.
 */
public final class BtPatchModule implements Module {

    @Override
    public void configure(Binder binder) {
        binder.bind(DispatcherWakeup.class).in(Singleton.class);
        binder.bind(DataReceiver.class).to(SelectorLoop.class).asEagerSingleton();
        binder.bind(IMessageDispatcher.class).to(ParkingMessageDispatcher.class).asEagerSingleton();
        binder.bind(IBufferManager.class).to(ReleaseSafeBufferManager.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    @ReceiverSelector
    Selector provideReceiverSelector(IRuntimeLifecycleBinder lifecycle) {
        Selector selector;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for peer connections", e);
        }
        lifecycle.onShutdown("Shutdown selector", () -> {
            try {
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the peer connections' selector", e);
            }
        });
        return selector;
    }

    @Provides
    @Singleton
    @PeerConnectionSelector
    SharedSelector provideSharedSelector(@ReceiverSelector Selector selector) {
        return new SharedSelector(selector);
    }

    @Provides
    @Singleton
    DataWorker provideDataWorker(IRuntimeLifecycleBinder lifecycle, TorrentRegistry torrents, ChunkVerifier verifier,
            BlockCache blockCache, Config config, DispatcherWakeup wakeup) {
        return new WakingDataWorker(new DefaultDataWorker(lifecycle, torrents, verifier, blockCache, config), wakeup);
    }
}
