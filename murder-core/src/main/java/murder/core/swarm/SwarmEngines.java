package murder.core.swarm;

import javax.net.ssl.SSLContext;
import murder.core.bt.BtSettings;
import murder.core.bt.BtSwarmEngine;
import murder.core.wire.WireEngine;

/** Starts the engine that {@link BtSettings#engine()} names. */
public final class SwarmEngines {

    private SwarmEngines() {
    }

    /** @param trackerTls trust for an https announce URL, or null for the system's trust store */
    public static SwarmEngine start(BtSettings settings, SSLContext trackerTls) {
        return switch (settings.engine()) {
            case WIRE -> WireEngine.start(settings, trackerTls);
            case BT -> BtSwarmEngine.start(settings, trackerTls);
        };
    }
}
