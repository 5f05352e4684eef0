package murder.core.swarm;

import java.nio.file.Path;
import java.util.function.Consumer;
import murder.core.bt.SwarmProgress;

/** The BitTorrent side of one process: one listen port, any number of torrents, at most one per info-hash. */
public interface SwarmEngine extends AutoCloseable {

    /**
     * Opens a torrent.
     *
     * @param role {@link Role#INITIAL_SEED} on the release host: it offers each peer pieces nobody has yet
     *             (super-seeding) instead of everything, so the swarm, not the release host, carries the copies
     * @throws murder.core.MurderException CONFLICT if this engine still has the torrent open
     */
    SwarmHandle open(byte[] torrent, Path dir, Consumer<SwarmProgress> listener, Role role);

    default SwarmHandle open(byte[] torrent, Path dir, Consumer<SwarmProgress> listener) {
        return open(torrent, dir, listener, Role.PEER);
    }

    /** The port peers connect to. */
    int port();

    /** Closes every torrent and the port. */
    @Override
    void close();

    enum Role { PEER, INITIAL_SEED }
}
