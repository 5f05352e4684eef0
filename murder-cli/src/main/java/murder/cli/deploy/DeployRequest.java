package murder.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import murder.core.Names;
import murder.core.bt.BtSettings;

/**
 * Everything one deploy needs, validated on construction so nothing is packed for a request that cannot run.
 * {@code source} is null to deploy a release the tracker already has (a redeploy or rollback: nothing is packed or
 * seeded here; agents that have it share it). {@code signing} says with which key the deployment statement is
 * signed (or, explicitly, that it is not); {@code onInterrupt} what SIGINT/SIGTERM does to the deployment.
 */
public record DeployRequest(Path source, String releaseId, String tag, Duration timeout, BtSettings bt,
                            Path workDir, DeploySigning signing, OnInterrupt onInterrupt) {

    /** What an interrupted {@code murder deploy} does to its deployment before it exits. */
    public enum OnInterrupt {
        /** Hosts not settled yet become FAILED and agents abandon it (the default: nothing runs on unobserved). */
        CANCEL,
        /** The deployment goes on without this process (and without its seeder) until its deadline. */
        LEAVE
    }

    public DeployRequest {
        Names.requireReleaseId(releaseId);
        Names.requireTag(tag);
        Objects.requireNonNull(signing, "signing: sign with a key, or say DeploySigning.unsigned()");
        Objects.requireNonNull(onInterrupt, "onInterrupt");
    }

    public DeployRequest(Path source, String releaseId, String tag, Duration timeout, BtSettings bt, Path workDir,
                         DeploySigning signing) {
        this(source, releaseId, tag, timeout, bt, workDir, signing, OnInterrupt.CANCEL);
    }

    /** True when the release is packed and seeded from here. */
    public boolean packsHere() {
        return source != null;
    }
}
