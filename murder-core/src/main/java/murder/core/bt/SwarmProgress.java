package murder.core.bt;

/** A snapshot of one torrent's transfer: bytes received and sent in this session, bytes still missing, peers. */
public record SwarmProgress(long size, long downloaded, long uploaded, long left, int peers) {

    public static SwarmProgress none(long size) {
        return new SwarmProgress(size, 0, 0, size, 0);
    }

    public int percent() {
        return size <= 0 ? 100 : (int) ((size - left) * 100 / size);
    }
}
