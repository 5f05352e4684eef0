package murder.core.bt.patch;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.net.buffer.BufferedData;
import bt.torrent.data.BlockRead;
import bt.torrent.data.BlockWrite;
import bt.torrent.data.DataWorker;
import java.util.concurrent.CompletableFuture;

/**
 * bt's data worker (disk reads and writes of blocks, on its own thread), waking the {@link ParkingMessageDispatcher}
 * when a block has been read (a seeder's piece message is ready to send), written, or its piece verified (a have
 * message to send, the next requests). The dispatcher would find them anyway, but only at its next timed pass.
 */
final class WakingDataWorker implements DataWorker {

    private final DataWorker delegate;
    private final DispatcherWakeup wakeup;

    WakingDataWorker(DataWorker delegate, DispatcherWakeup wakeup) {
        this.delegate = delegate;
        this.wakeup = wakeup;
    }

    @Override
    public CompletableFuture<BlockRead> addBlockRequest(TorrentId torrentId, Peer peer, int pieceIndex, int offset,
            int length) {
        CompletableFuture<BlockRead> read = delegate.addBlockRequest(torrentId, peer, pieceIndex, offset, length);
        read.whenComplete((r, e) -> wakeup.wake());
        return read;
    }

    @Override
    public CompletableFuture<BlockWrite> addBlock(TorrentId torrentId, Peer peer, int pieceIndex, int offset,
            BufferedData buffer) {
        CompletableFuture<BlockWrite> write = delegate.addBlock(torrentId, peer, pieceIndex, offset, buffer);
        write.whenComplete((w, e) -> {
            wakeup.wake();
            if (w != null) {
                w.getVerificationFuture().ifPresent(verified -> verified.whenComplete((v, f) -> wakeup.wake()));
            }
        });
        return write;
    }
}
