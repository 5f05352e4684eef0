package murder.core.bt;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import bt.net.buffer.ByteBufferView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * bt's file storage, watched: bt 1.10 turns a failed read or write (disk full, a vanished directory) into an ERROR
 * stack trace per block and keeps going, so a download never ends. The first such failure completes {@link #failure}
 * with the real cause; the torrent's owner ends the session on it.
 */
final class FailureAwareStorage implements Storage {

    private final Storage delegate;
    private final Path dir;
    private final CompletableFuture<StorageFailure> failure = new CompletableFuture<>();

    FailureAwareStorage(Path dir) {
        this.delegate = new FileSystemStorage(dir);
        this.dir = dir;
    }

    /** Completes with the first local I/O failure; never completes while the disk behaves. */
    CompletableFuture<StorageFailure> failure() {
        return failure;
    }

    @Override
    public StorageUnit getUnit(Torrent torrent, TorrentFile torrentFile) {
        Path base = torrent.getFiles().size() == 1 ? dir : dir.resolve(torrent.getName());
        Path file = base.resolve(String.join("/", torrentFile.getPathElements()));
        return new Unit(guard(file, "open", () -> delegate.getUnit(torrent, torrentFile)), file);
    }

    @Override
    public void flush() {
        guard(dir, "flush", () -> {
            delegate.flush();
            return null;
        });
    }

    private <T> T guard(Path file, String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            failure.complete(new StorageFailure(file, operation, rootMessage(e)));
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** What went wrong with which file, e.g. "write /data/x.tar.gz: No space left on device". */
    record StorageFailure(Path file, String operation, String cause) {
        @Override
        public String toString() {
            return "cannot " + operation + " " + file + ": " + cause;
        }
    }

    private final class Unit implements StorageUnit {
        private final StorageUnit delegate;
        private final Path file;

        Unit(StorageUnit delegate, Path file) {
            this.delegate = delegate;
            this.file = file;
        }

        @Override
        public int readBlock(ByteBuffer buffer, long offset) {
            return guard(file, "read", () -> delegate.readBlock(buffer, offset));
        }

        @Override
        public void readBlockFully(ByteBuffer buffer, long offset) {
            guard(file, "read", () -> {
                delegate.readBlockFully(buffer, offset);
                return null;
            });
        }

        @Override
        public int writeBlock(ByteBuffer buffer, long offset) {
            return guard(file, "write", () -> delegate.writeBlock(buffer, offset));
        }

        @Override
        public void writeBlockFully(ByteBuffer buffer, long offset) {
            guard(file, "write", () -> {
                delegate.writeBlockFully(buffer, offset);
                return null;
            });
        }

        @Override
        public int writeBlock(ByteBufferView buffer, long offset) {
            return guard(file, "write", () -> delegate.writeBlock(buffer, offset));
        }

        @Override
        public void writeBlockFully(ByteBufferView buffer, long offset) {
            guard(file, "write", () -> {
                delegate.writeBlockFully(buffer, offset);
                return null;
            });
        }

        @Override
        public long capacity() {
            return delegate.capacity();
        }

        @Override
        public long size() {
            return guard(file, "stat", delegate::size);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
