package murder.cli;

import murder.core.MurderException;

/** Port options, checked before anything binds: a bad one is bad input, not an IllegalArgumentException. */
public final class Ports {

    private Ports() {
    }

    /** 0 (any free port) to 65535. */
    public static int require(int port, String option) {
        if (port < 0 || port > 65535) {
            throw MurderException.badInput(option + " must be 0 to 65535 (0: any free port), got " + port);
        }
        return port;
    }
}
