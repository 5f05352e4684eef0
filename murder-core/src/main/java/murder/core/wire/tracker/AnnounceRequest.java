package murder.core.wire.tracker;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One BEP 3 announce. The byte arrays are copied in and out.
 *
 * @param infoHash   the torrent's 20-byte info-hash
 * @param peerId     our 20-byte peer id
 * @param ip         the address to tell the tracker (the {@code ip} parameter), or null to send none
 * @param port       the port we accept peer connections on, 1..65535
 * @param uploaded   bytes uploaded so far, not negative
 * @param downloaded bytes downloaded so far, not negative
 * @param left       bytes still missing, not negative
 * @param event      the event; {@link AnnounceEvent#NONE} sends none
 * @param numwant    how many peers we want, not negative
 */
public record AnnounceRequest(byte[] infoHash, byte[] peerId, InetAddress ip, int port, long uploaded,
                              long downloaded, long left, AnnounceEvent event, int numwant) {

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        if (infoHash.length != 20) {
            throw new IllegalArgumentException("infoHash must be 20 bytes, got " + infoHash.length);
        }
        if (peerId.length != 20) {
            throw new IllegalArgumentException("peerId must be 20 bytes, got " + peerId.length);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded, downloaded and left must not be negative, got "
                    + uploaded + ", " + downloaded + ", " + left);
        }
        if (numwant < 0) {
            throw new IllegalArgumentException("numwant must not be negative, got " + numwant);
        }
        infoHash = infoHash.clone();
        peerId = peerId.clone();
    }

    @Override
    public byte[] infoHash() {
        return infoHash.clone();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnnounceRequest r && Arrays.equals(infoHash, r.infoHash)
                && Arrays.equals(peerId, r.peerId) && Objects.equals(ip, r.ip) && port == r.port
                && uploaded == r.uploaded && downloaded == r.downloaded && left == r.left && event == r.event
                && numwant == r.numwant;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(infoHash), Arrays.hashCode(peerId), ip, port, uploaded, downloaded, left,
                event, numwant);
    }

    @Override
    public String toString() {
        return "AnnounceRequest[infoHash=" + HexFormat.of().formatHex(infoHash) + ", peerId="
                + HexFormat.of().formatHex(peerId) + ", ip=" + (ip == null ? null : ip.getHostAddress()) + ", port="
                + port + ", uploaded=" + uploaded + ", downloaded=" + downloaded + ", left=" + left + ", event="
                + event + ", numwant=" + numwant + "]";
    }
}
