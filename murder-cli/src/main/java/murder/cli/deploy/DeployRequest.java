package murder.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import murder.core.Names;
import murder.core.bt.BtSettings;

/**
 * Everything one deploy needs, validated on construction so nothing is packed for a request that cannot run.
 * {@code signing} says with which key the deployment statement is signed (or, explicitly, that it is not).
 */
public record DeployRequest(Path source, String releaseId, String tag, Duration timeout, BtSettings bt,
                            Path workDir, DeploySigning signing) {

    public DeployRequest {
        Names.requireReleaseId(releaseId);
        Names.requireTag(tag);
        Objects.requireNonNull(signing, "signing: sign with a key, or say DeploySigning.unsigned()");
    }
}
