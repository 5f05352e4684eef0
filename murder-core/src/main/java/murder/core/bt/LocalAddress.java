package murder.core.bt;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import murder.core.MurderException;

/**
 * Picks the local address to use for BitTorrent: the one this host routes to the tracker from, which is the address
 * the tracker sees and hands out to peers. (bt's own default, the first non-loopback IPv4, is wrong on multi-NIC hosts
 * and when everything runs on 127.0.0.1.)
 */
public final class LocalAddress {

    private LocalAddress() {
    }

    public static InetAddress towards(URI tracker) {
        InetAddress trackerAddress = resolve(tracker.getHost());
        if (trackerAddress.isLoopbackAddress()) {
            return trackerAddress;
        }
        // connecting a UDP socket only asks the kernel for a route; no packet is sent
        try (DatagramSocket socket = new DatagramSocket()) {
            int port = tracker.getPort() > 0 ? tracker.getPort() : 80;
            socket.connect(new InetSocketAddress(trackerAddress, port));
            return socket.getLocalAddress();
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.UNAVAILABLE, "no route to the tracker host "
                    + tracker.getHost() + ": " + e.getMessage() + "; set --bind to this host's address", e);
        }
    }

    public static InetAddress parse(String address) {
        return resolve(address);
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new MurderException(MurderException.Kind.BAD_INPUT, "cannot resolve host '" + host
                    + "': check the name or use an IP address", e);
        }
    }
}
