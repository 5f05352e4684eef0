package murder.cli;

import java.net.InetAddress;
import java.net.URI;
import murder.core.bt.LocalAddress;
import murder.core.swarm.SwarmEngineKind;
import picocli.CommandLine.Option;

/** The options of the commands that speak BitTorrent: {@code --bind ADDRESS} and {@code --swarm-engine}. */
public final class BindOption {

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address for BitTorrent (default: the one this host reaches the tracker by)")
    String bind;

    @Option(names = "--swarm-engine", defaultValue = "wire", paramLabel = "wire|bt",
            description = "BitTorrent engine: wire (murder's own; default) or bt (the bt library, murder 0.1's engine, "
                    + "kept as a fallback). Both trade with each other and with standard clients")
    SwarmEngineKind engine;

    public SwarmEngineKind engine() {
        return engine == null ? SwarmEngineKind.DEFAULT : engine;
    }

    public InetAddress address(URI tracker) {
        return bind == null ? LocalAddress.towards(tracker) : LocalAddress.parse(bind);
    }
}
