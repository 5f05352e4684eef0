package murder.cli;

import java.net.InetAddress;
import java.net.URI;
import murder.core.bt.LocalAddress;
import picocli.CommandLine.Option;

/** The {@code --bind ADDRESS} option of the commands that speak BitTorrent. */
public final class BindOption {

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address for BitTorrent (default: the one this host reaches the tracker by)")
    String bind;

    public InetAddress address(URI tracker) {
        return bind == null ? LocalAddress.towards(tracker) : LocalAddress.parse(bind);
    }
}
