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
     * Small pieces because a piece can be passed on only once it is whole: the time the last piece takes to reach the
     * last host grows with the piece size (64 MB at 20 Mbit/s per host, 8 hosts: 1.49x the bound with 256 KiB pieces,
     * 1.39x with 64 KiB). The cap keeps the piece list, bitfields and hash checks small for big releases.
     */
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

    /** The smallest power of two between 64 KiB and 8 MiB that gives at most {@link #TARGET_PIECES} pieces. */
    public static int pieceSizeFor(long size) {
        int piece = MIN_PIECE;
        while (piece < MAX_PIECE && (size + piece - 1) / piece > TARGET_PIECES) {
            piece <<= 1;
        }
        return piece;
    }

    public record MadeTorrent(byte[] bytes, String infoHash, int pieceSize) {
    }
}
