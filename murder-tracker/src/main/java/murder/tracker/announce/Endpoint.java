package murder.tracker.announce;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** A peer's IPv4 address and port: what compact peer lists carry, and how a peer is told from another. */
public record Endpoint(int ip, int port) {

    public static Optional<Endpoint> of(InetAddress address, int port) {
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return Optional.of(new Endpoint((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff), port));
        }
        return Optional.empty();
    }

    /** Parses a dotted-quad literal only: never a host name, which would mean a DNS lookup per announce. */
    public static Optional<Endpoint> parse(String dottedQuad, int port) {
        if (dottedQuad == null) {
            return Optional.empty();
        }
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int ip = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            ip = ip << 8 | octet;
        }
        return Optional.of(new Endpoint(ip, port));
    }

    /** As a socket address, without any name lookup. */
    public InetSocketAddress socketAddress() {
        byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }

    /** BEP 23: four address bytes and two port bytes, big-endian. */
    void writeCompact(byte[] out, int offset) {
        out[offset] = (byte) (ip >>> 24);
        out[offset + 1] = (byte) (ip >>> 16);
        out[offset + 2] = (byte) (ip >>> 8);
        out[offset + 3] = (byte) ip;
        out[offset + 4] = (byte) (port >>> 8);
        out[offset + 5] = (byte) port;
    }

    @Override
    public String toString() {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff) + ":" + port;
    }
}
