package murder.core.bt;

import java.net.InetAddress;
import murder.core.swarm.SwarmEngineKind;

/**
 * How one process talks BitTorrent: the address it listens on, connects from and announces, its port, and which
 * engine speaks it.
 *
 * @param address the local address; must be the one peers and the tracker can reach this host by
 * @param port the listen port; 0 picks a free one
 */
public record BtSettings(InetAddress address, int port, SwarmEngineKind engine) {

    public BtSettings(InetAddress address, int port) {
        this(address, port, SwarmEngineKind.DEFAULT);
    }
}
