package murder.seeder;

import bt.runtime.BtRuntime;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import murder.core.MurderException;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SwarmProgress;
import murder.core.bt.SwarmSession;

/** Seeds one prepared release from the machine that built it, until closed. */
public final class Seeder implements AutoCloseable {

    private final BtRuntime runtime;
    private final SwarmSession session;

    private Seeder(BtRuntime runtime, SwarmSession session) {
        this.runtime = runtime;
        this.session = session;
    }

    /** Starts seeding and returns once bt has checked the tarball and serves it. */
    public static Seeder start(PreparedRelease release, BtSettings settings) {
        return start(release, settings, null);
    }

    /** @param trackerTls the trust for an https tracker's announce URL, or null for the system's trust store */
    public static Seeder start(PreparedRelease release, BtSettings settings, SSLContext trackerTls) {
        BtRuntime runtime = BtRuntimeFactory.create(settings, trackerTls);
        SwarmSession session = null;
        try {
            session = SwarmSession.start(runtime, release.torrent(), release.tarball().getParent(), p -> { });
            session.downloaded().get(5, TimeUnit.MINUTES);
            return new Seeder(runtime, session);
        } catch (Exception e) {
            if (session != null) {
                session.close();
            }
            runtime.shutdown();
            throw new MurderException(MurderException.Kind.FAILED, "cannot seed " + release.tarball()
                    + ": bt did not find the complete file (" + e + ")", e);
        }
    }

    public int port() {
        return runtime.getConfig().getAcceptorPort();
    }

    public SwarmProgress progress() {
        return session.progress();
    }

    @Override
    public void close() {
        session.close();
        runtime.shutdown();
    }
}
