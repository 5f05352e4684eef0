package murder.core.bt;

import java.io.IOException;
import java.net.InetAddress;
import murder.core.MurderException;
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

    /** What to tell when this address and port cannot be bound, whichever engine tried. */
    public MurderException bindFailed(IOException e) {
        if (port == 0) {
            return new MurderException(MurderException.Kind.UNAVAILABLE, "cannot open a port on "
                    + address.getHostAddress() + ": " + e.getMessage(), e);
        }
        return new MurderException(MurderException.Kind.BAD_INPUT, "BitTorrent port " + port + " on "
                + address.getHostAddress() + " is not free (" + e.getMessage()
                + "): stop what uses it or choose another --port (agent) or --bt-port (deploy); 0 picks a free one", e);
    }
}
