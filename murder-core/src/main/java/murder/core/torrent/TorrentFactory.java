package murder.core.torrent;

import bt.torrent.maker.TorrentBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;

/** Makes the private, single-file torrent that carries a release tarball. */
public final class TorrentFactory {

    static final int MIN_PIECE = 64 * 1024;
    static final int MAX_PIECE = 8 * 1024 * 1024;
    /**
     * A piece can be passed on only once it is whole, so the time the last piece takes to reach the last host grows
     * with the piece size; but every piece also costs each host a hash task and a {@code have} to every peer. On the
     * shaped testbed (64 MB, 20 Mbit/s per host) 256 KiB pieces took the same time as 64 KiB ones at 8 and 16 agents
     * and 11-22% less CPU. Smaller releases keep at least this many pieces, so a swarm still has pieces to trade.
     */
    static final int PREFERRED_PIECE = 256 * 1024;
    static final long MIN_PIECES = 256;
    /** The cap keeps the piece list, bitfields and hash checks small for big releases. */
    static final long TARGET_PIECES = 2048;

    private TorrentFactory() {
    }

    public static MadeTorrent make(Path file, String announceUrl) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int pieceSize = pieceSizeFor(size);
        byte[] bytes = new TorrentBuilder()
                .rootPath(file.toAbsolutePath().getParent())
                .addFile(file.toAbsolutePath())
                .announce(announceUrl)
                .pieceSize(pieceSize)
                .privateFlag(true)
                .createdBy("murder")
                .creationDate(new Date())
                .numHashingThreads(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .build();
        return new MadeTorrent(bytes, InfoHash.of(bytes), pieceSize);
    }

    /**
     * A power of two between 64 KiB and 8 MiB: {@link #PREFERRED_PIECE} or below it as far as needed to give
     * {@link #MIN_PIECES} pieces, and above it as far as needed to give at most {@link #TARGET_PIECES}.
     */
    public static int pieceSizeFor(long size) {
        int piece = MIN_PIECE;
        while (piece < MAX_PIECE && (pieces(size, piece) > TARGET_PIECES
                || piece < PREFERRED_PIECE && pieces(size, piece * 2) >= MIN_PIECES)) {
            piece <<= 1;
        }
        return piece;
    }

    private static long pieces(long size, int piece) {
        return (size + piece - 1) / piece;
    }

    public record MadeTorrent(byte[] bytes, String infoHash, int pieceSize) {
    }
}
