package murder.cli;

import java.net.URI;
import murder.core.client.TrackerClient;
import murder.core.client.TrackerUrls;
import picocli.CommandLine.Option;

/** The {@code --tracker URL} option shared by the commands that talk to a tracker. */
public final class TrackerOption {

    @Option(names = "--tracker", required = true, paramLabel = "URL",
            description = "Tracker base URL, e.g. http://tracker.example:7070")
    String url;

    public URI uri() {
        return TrackerUrls.parse(url);
    }

    public TrackerClient client(AccessOptions access) {
        return new TrackerClient(uri(), access.access());
    }
}
