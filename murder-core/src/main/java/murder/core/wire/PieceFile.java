package murder.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import murder.core.files.OsErrors;

/**
 * The one file of a torrent, read and written at piece offsets. Its first local I/O failure (disk full, a vanished
 * directory) completes {@link #failure()} with what and why, so the owner ends the download instead of retrying.
 */
final class PieceFile implements AutoCloseable {

    private static final int HASH_CHUNK = 256 * 1024;
    private static final ThreadLocal<byte[]> HASH_BUFFER = ThreadLocal.withInitial(() -> new byte[HASH_CHUNK]);

    private final Metainfo meta;
    private final Path file;
    private final FileChannel channel;
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    private PieceFile(Metainfo meta, Path file, FileChannel channel) {
        this.meta = meta;
        this.file = file;
        this.channel = channel;
    }

    static PieceFile open(Metainfo meta, Path dir) throws IOException {
        Path file = dir.resolve(meta.name());
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (channel.size() > meta.length()) {
                channel.truncate(meta.length()); // not what this torrent wrote: its pieces cannot verify anyway
            }
            return new PieceFile(meta, file, channel);
        } catch (IOException e) {
            throw new IOException("cannot open " + file + ": " + OsErrors.reason(e), e);
        }
    }

    Path path() {
        return file;
    }

    /** Completes with e.g. "cannot write /data/x.tar.gz: No space left on device"; never while the disk behaves. */
    CompletableFuture<String> failure() {
        return failure;
    }

    /** The pieces already on disk that verify, hashed on up to {@code threads} threads. */
    BitSet check(int threads) throws IOException {
        long size = channel.size();
        BitSet present = new BitSet(meta.pieceCount());
        int candidates = (int) Math.min(meta.pieceCount(), size / Math.max(1, meta.pieceLength()) + 1);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            boolean[] ok = pool.submit(() -> {
                boolean[] result = new boolean[candidates];
                IntStream.range(0, candidates).parallel().forEach(piece -> {
                    if (meta.offset(piece) + meta.pieceSize(piece) <= size) {
                        result[piece] = verify(piece);
                    }
                });
                return result;
            }).get();
            for (int piece = 0; piece < ok.length; piece++) {
                if (ok[piece]) {
                    present.set(piece);
                }
            }
            return present;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedFileError u ? u.io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking " + file, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** True if the piece on disk has its SHA-1 from the torrent. */
    boolean verify(int piece) {
        MessageDigest sha1 = sha1();
        byte[] buffer = HASH_BUFFER.get();
        long position = meta.offset(piece);
        int left = meta.pieceSize(piece);
        try {
            while (left > 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, Math.min(left, buffer.length));
                while (chunk.hasRemaining()) {
                    int n = channel.read(chunk, position + chunk.position());
                    if (n < 0) {
                        return false; // shorter than the piece: not downloaded yet
                    }
                }
                sha1.update(buffer, 0, chunk.position());
                position += chunk.position();
                left -= chunk.position();
            }
        } catch (IOException e) {
            throw new UncheckedFileError(failed("read", e));
        }
        return Arrays.equals(sha1.digest(), Arrays.copyOfRange(meta.pieceHashes(), piece * 20, piece * 20 + 20));
    }

    void write(ByteBuffer data, long position) throws IOException {
        try {
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
        } catch (IOException e) {
            throw failed("write", e);
        }
    }

    /** Copies a block to the socket without passing through the heap (sendfile on Linux). */
    void transferTo(long position, int length, WritableByteChannel target) throws IOException {
        long sent = 0;
        while (sent < length) {
            // an error here ends the connection only: the socket is the likelier cause than the disk
            long n = channel.transferTo(position + sent, length - sent, target);
            if (n <= 0) {
                throw new IOException("short transfer from " + file + " at " + (position + sent));
            }
            sent += n;
        }
    }

    void read(ByteBuffer into, long position) throws IOException {
        try {
            while (into.hasRemaining()) {
                int n = channel.read(into, position);
                if (n < 0) {
                    throw new IOException("unexpected end of file");
                }
                position += n;
            }
        } catch (IOException e) {
            throw failed("read", e);
        }
    }

    void force() throws IOException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw failed("flush", e);
        }
    }

    private IOException failed(String operation, IOException e) {
        String reason = OsErrors.reason(e);
        failure.complete("cannot " + operation + " " + file + ": " + (reason == null ? e.getMessage() : reason));
        return e;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** Carries a read failure out of the parallel check. */
    private static final class UncheckedFileError extends RuntimeException {
        final IOException io;

        UncheckedFileError(IOException io) {
            super(io);
            this.io = io;
        }
    }
}
