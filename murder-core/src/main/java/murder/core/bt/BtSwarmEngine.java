package murder.core.bt;

import bt.runtime.BtRuntime;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import murder.core.swarm.SwarmEngine;
import murder.core.swarm.SwarmHandle;

/** The bt library as a {@link SwarmEngine}: one runtime; it has no super-seeding, so the role is not used. */
public final class BtSwarmEngine implements SwarmEngine {

    private final BtRuntime runtime;

    private BtSwarmEngine(BtRuntime runtime) {
        this.runtime = runtime;
    }

    public static BtSwarmEngine start(BtSettings settings, SSLContext trackerTls) {
        return new BtSwarmEngine(BtRuntimeFactory.create(settings, trackerTls));
    }

    @Override
    public SwarmHandle open(byte[] torrent, Path dir, Consumer<SwarmProgress> listener, Role role) {
        return SwarmSession.start(runtime, torrent, dir, listener);
    }

    @Override
    public int port() {
        return runtime.getConfig().getAcceptorPort();
    }

    @Override
    public void close() {
        if (runtime.isRunning()) {
            runtime.shutdown();
        }
    }
}
