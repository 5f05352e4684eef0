package murder.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import murder.cli.AccessOptions;
import murder.cli.Durations;
import murder.cli.TrackerOption;
import murder.cli.deploy.progress.ProgressMode;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.api.DeploymentStatus;
import murder.core.trust.StatementSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Go back to an earlier release on every live agent with a tag: a new deployment of a release "
            + "the tracker has, signed as a rollback. Hosts that still keep it unpacked switch `current` at once (no "
            + "download); others fetch it from the hosts that have it. Waits like `murder deploy`.",
            "Without --to, the release that ran on the tag before the current one."})
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    TrackerOption tracker;

    @Mixin
    AccessOptions access;

    @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Roll back the agents with this tag")
    String tag;

    @Option(names = "--to", paramLabel = "RELEASE", description = "The release to go back to (default: the one "
            + "that ran before the current one)")
    String to;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Ed25519 private key to sign the rollback with (env MURDER_SIGNING_KEY); it must be the key "
                + "that signed that release's earlier deployment")
    Path key;

    @Option(names = "--unsigned", description = "Roll back without a signature (agents with --allow-unsigned only)")
    boolean unsigned;

    @Option(names = "--timeout", defaultValue = "10m", converter = Durations.class, paramLabel = "DURATION",
            description = "How long to wait for all hosts (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "Print the summary as one JSON document on stdout")
    boolean json;

    @Option(names = "--on-interrupt", defaultValue = "cancel", paramLabel = "cancel|leave",
            description = "What SIGINT/SIGTERM does to the rollback's deployment (default: ${DEFAULT-VALUE})")
    DeployRequest.OnInterrupt onInterrupt;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|summary|hosts",
            description = "Progress on stderr, as for `murder deploy` (default: ${DEFAULT-VALUE})")
    ProgressMode progress;

    @Override
    public Integer call() {
        Names.requireTag(tag);
        DeploySigning signing = signing();
        String release = to != null ? Names.requireReleaseId(to) : previous();
        System.err.printf("rolling tag %s back to release %s%n", tag, release);
        DeployRequest request = new DeployRequest(null, release, tag, timeout, null, null, signing, onInterrupt);
        return DeployCommand.run(tracker, access, request, json, progress);
    }

    private String previous() {
        List<DeploymentStatus> recent = tracker.client(access).status().deployments();
        return PreviousRelease.of(tag, recent).orElseThrow(() -> MurderException.badInput("no earlier release "
                + "ran on tag " + tag + (PreviousRelease.current(tag, recent).map(r -> " before " + r).orElse(""))
                + " among the tracker's recent deployments; name one with --to RELEASE (see `murder status`)"));
    }

    private DeploySigning signing() {
        if (key != null && unsigned) {
            throw MurderException.badInput("--key and --unsigned contradict each other: choose one");
        }
        if (unsigned) {
            return DeploySigning.unsigned();
        }
        if (key == null) {
            throw MurderException.badInput("rollback needs --key FILE (or MURDER_SIGNING_KEY) to sign it, or "
                    + "--unsigned for agents started with --allow-unsigned");
        }
        return DeploySigning.with(StatementSigner.load(key), true);
    }
}
