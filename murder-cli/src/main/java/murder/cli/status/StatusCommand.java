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

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the releases, recent deployments with per-host states, and agents the tracker knows.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    TrackerOption tracker;

    @Mixin
    AccessOptions access;

    @Option(names = "--json", description = "Print the tracker's status as one JSON document")
    boolean json;

    @Override
    public Integer call() {
        TrackerStatus status = tracker.client(access).status();
        PrintStream out = System.out;
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
}
