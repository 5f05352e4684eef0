package murder.cli.status;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import murder.cli.AccessOptions;
import murder.cli.TrackerOption;
import murder.core.api.AgentInfo;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostState;
import murder.core.api.ReleaseManifest;
import murder.core.api.TrackerStatus;
import murder.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the releases, recent deployments with per-host states, and agents the tracker knows.",
            "With a DEPLOYMENT id, that deployment alone: every host's state, progress and reason, and its swarm."})
public final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "Show only this deployment")
    Long deploymentId;

    @Mixin
    TrackerOption tracker;

    @Mixin
    AccessOptions access;

    @Option(names = "--json", description = "Print the tracker's status as one JSON document")
    boolean json;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (deploymentId != null) {
            DeploymentStatus one = tracker.client(access).deployment(deploymentId);
            if (json) {
                out.println(Json.pretty(one));
            } else {
                printDeployment(one, out);
            }
            return 0;
        }
        TrackerStatus status = tracker.client(access).status();
        if (json) {
            out.println(Json.pretty(status));
            return 0;
        }
        out.println("RELEASES");
        for (ReleaseManifest r : status.releases()) {
            out.printf(Locale.ROOT, "  %-32s %10.1f MB  sha256 %.16s  %s%n", r.id(), r.size() / 1e6, r.sha256(),
                    r.createdAt());
        }
        out.println("DEPLOYMENTS");
        for (DeploymentStatus d : status.deployments()) {
            long active = d.hosts().stream().filter(h -> h.state().name().equals("ACTIVE")).count();
            out.printf(Locale.ROOT, "  #%-5d release %-24s tag %-16s %d/%d ACTIVE  %s%s%s%n", d.deployment().id(),
                    d.deployment().release(), d.deployment().tag(), active, d.hosts().size(),
                    d.deployment().createdAt(),
                    d.deployment().deadline() == null ? "" : "  deadline " + d.deployment().deadline(),
                    d.deployment().cancelled() ? "  CANCELLED " + d.deployment().cancelledAt() : "");
            for (HostState h : d.hosts()) {
                out.printf(Locale.ROOT, "      %-24s %-12s %3d%%  %s%s%n", h.host(), h.state(), h.progress(),
                        h.alive() ? "" : "(not heartbeating) ", h.reason() == null ? "" : h.reason());
            }
        }
        out.println("AGENTS");
        for (AgentInfo a : status.agents()) {
            out.printf(Locale.ROOT, "  %-24s %-6s tags %-20s active %-24s last seen %s%n", a.host(),
                    a.alive() ? "alive" : "DEAD", String.join(",", a.tags()),
                    a.activeRelease() == null ? "-" : a.activeRelease(), a.lastSeen());
        }
        return 0;
    }

    private static void printDeployment(DeploymentStatus d, PrintStream out) {
        var deployment = d.deployment();
        long active = d.hosts().stream().filter(h -> h.state().name().equals("ACTIVE")).count();
        out.printf(Locale.ROOT, "deployment %d: release %s to tag %s, %d/%d ACTIVE%n", deployment.id(),
                deployment.release(), deployment.tag(), active, deployment.targets().size());
        out.printf(Locale.ROOT, "  created %s, deadline %s%s%n", deployment.createdAt(),
                deployment.deadline() == null ? "none" : deployment.deadline(),
                deployment.cancelled() ? ", CANCELLED " + deployment.cancelledAt() : "");
        out.println(deployment.signature() == null ? "  unsigned" : "  signed");
        if (d.swarm() != null) {
            out.printf(Locale.ROOT, "  swarm now: %d seed(s), %d downloading%n", d.swarm().seeds(),
                    d.swarm().leechers());
        }
        out.printf(Locale.ROOT, "%-24s %-12s %4s  %-20s %s%n", "HOST", "STATE", "", "UPDATED", "REASON");
        for (HostState h : d.hosts()) {
            out.printf(Locale.ROOT, "%-24s %-12s %3d%%  %-20s %s%s%n", h.host(), h.state(), h.progress(),
                    h.updatedAt() == null ? "-" : h.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    h.alive() ? "" : "(not heartbeating) ", h.reason() == null ? "" : h.reason());
        }
    }
}
