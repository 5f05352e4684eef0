package murder.core.bt;

import java.net.InetAddress;

/**
 * How one process talks BitTorrent: the address it listens on, connects from and announces, and its port.
 *
 * @param address the local address; must be the one peers and the tracker can reach this host by
 * @param port the listen port; 0 picks a free one
 */
public record BtSettings(InetAddress address, int port) {
}
