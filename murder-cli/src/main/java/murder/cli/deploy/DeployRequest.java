package murder.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import murder.core.Names;
import murder.core.bt.BtSettings;

/** Everything one deploy needs, validated on construction so nothing is packed for a request that cannot run. */
public record DeployRequest(Path source, String releaseId, String tag, Duration timeout, BtSettings bt,
                            Path workDir) {

    public DeployRequest {
        Names.requireReleaseId(releaseId);
        Names.requireTag(tag);
    }
}
