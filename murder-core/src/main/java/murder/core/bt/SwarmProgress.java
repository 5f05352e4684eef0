package murder.core.bt;

/**
 * A snapshot of one torrent's transfer: bytes received and sent in this session, verified pieces, and peers.
 * Progress counts verified pieces: bt reports nothing useful about {@code left} before it has checked the data.
 */
public record SwarmProgress(long size, long downloaded, long uploaded, int piecesComplete, int piecesTotal,
                            int peers) {

    public static SwarmProgress none(long size) {
        return new SwarmProgress(size, 0, 0, 0, 0, 0);
    }

    public int percent() {
        return piecesTotal <= 0 ? 0 : (int) (piecesComplete * 100L / piecesTotal);
    }
}
