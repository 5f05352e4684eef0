package murder.cli.deploy;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import murder.cli.AccessOptions;
import murder.cli.TrackerOption;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostState;
import murder.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a deployment: hosts that are not ACTIVE, FAILED or REJECTED yet become FAILED and their "
            + "agents abandon it, keeping what they run. Hosts already ACTIVE stay (a cancel is not a rollback: see "
            + "`murder rollback`).",
            "Needs a deployer token. Cancelling a cancelled deployment changes nothing."})
public final class CancelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "Deployment id (see `murder status`)")
    long deploymentId;

    @Mixin
    TrackerOption tracker;

    @Mixin
    AccessOptions access;

    @Option(names = "--json", description = "Print the deployment's status after the cancel as one JSON document")
    boolean json;

    @Override
    public Integer call() {
        DeploymentStatus status = tracker.client(access).cancelDeployment(deploymentId);
        PrintStream out = System.out;
        if (json) {
            out.println(Json.pretty(status));
            return 0;
        }
        out.printf(Locale.ROOT, "deployment %d of release %s to tag %s: cancelled at %s%n", status.deployment().id(),
                status.deployment().release(), status.deployment().tag(), status.deployment().cancelledAt());
        out.printf(Locale.ROOT, "%-24s %-12s %4s  %s%n", "HOST", "STATE", "", "REASON");
        for (HostState h : status.hosts()) {
            out.printf(Locale.ROOT, "%-24s %-12s %3d%%  %s%n", h.host(), h.state(), h.progress(),
                    h.reason() == null ? "" : h.reason());
        }
        return 0;
    }
}
