package murder.core.swarm;

import java.util.Locale;
import murder.core.MurderException;

/**
 * Which BitTorrent engine a process runs. Both speak standard BitTorrent and trade with each other, so a fleet can
 * move from one to the other host by host.
 */
public enum SwarmEngineKind {
    /** murder's own engine (murder.core.wire): the default. */
    WIRE,
    /** The bt library (1.10 with murder's patches): the engine of murder 0.1, kept as a fallback for one release. */
    BT;

    public static final SwarmEngineKind DEFAULT = WIRE;

    public static SwarmEngineKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MurderException.badInput("unknown swarm engine '" + name + "': use wire (the default) or bt");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
