package murder.seeder;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmProgress;
import murder.core.swarm.SwarmEngine;
import murder.core.swarm.SwarmEngines;
import murder.core.swarm.SwarmHandle;

/**
 * Seeds one prepared release from the machine that built it, until closed. It is the swarm's first seed: the wire
 * engine then super-seeds (offers each agent pieces no one else has yet), so the agents carry most copies.
 */
public final class Seeder implements AutoCloseable {

    private final SwarmEngine engine;
    private final SwarmHandle session;

    private Seeder(SwarmEngine engine, SwarmHandle session) {
        this.engine = engine;
        this.session = session;
    }

    /** Starts seeding and returns once the tarball is checked and served. */
    public static Seeder start(PreparedRelease release, BtSettings settings) {
        return start(release, settings, null);
    }

    /** @param trackerTls the trust for an https tracker's announce URL, or null for the system's trust store */
    public static Seeder start(PreparedRelease release, BtSettings settings, SSLContext trackerTls) {
        SwarmEngine engine = SwarmEngines.start(settings, trackerTls);
        SwarmHandle session = null;
        try {
            session = engine.open(release.torrent(), release.tarball().getParent(), p -> { },
                    SwarmEngine.Role.INITIAL_SEED);
            session.downloaded().get(5, TimeUnit.MINUTES);
            return new Seeder(engine, session);
        } catch (Exception e) {
            if (session != null) {
                session.close();
            }
            engine.close();
            throw new MurderException(MurderException.Kind.FAILED, "cannot seed " + release.tarball()
                    + ": the complete file was not found (" + e + ")", e);
        }
    }

    public int port() {
        return engine.port();
    }

    public SwarmProgress progress() {
        return session.progress();
    }

    @Override
    public void close() {
        session.close();
        engine.close();
    }
}
