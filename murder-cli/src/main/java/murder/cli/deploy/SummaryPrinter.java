package murder.cli.deploy;

import java.io.PrintStream;
import java.util.Locale;
import murder.cli.deploy.DeploySummary.HostResult;

/** The human-readable per-host summary of a deploy. */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static void print(DeploySummary summary, PrintStream out) {
        out.printf(Locale.ROOT, "deployment %d of release %s to tag %s: %s in %.1f s%n", summary.deploymentId(),
                summary.release(), summary.tag(), summary.ok() ? "OK" : "FAILED", summary.elapsedMs() / 1000.0);
        out.printf(Locale.ROOT, "%-24s %-12s %8s  %s%n", "HOST", "STATE", "TIME", "REASON");
        for (HostResult host : summary.hosts()) {
            out.printf(Locale.ROOT, "%-24s %-12s %7.1fs  %s%n", host.host(), host.state(), host.seconds(),
                    host.reason() == null ? "" : host.reason());
        }
        long delivered = summary.releaseBytes() * summary.hosts().size();
        if (delivered > 0) {
            out.printf(Locale.ROOT, "seeder uploaded %.1f MB of %.1f MB delivered (%.0f%%); the rest came from peers%n",
                    summary.seederUploadedBytes() / 1e6, delivered / 1e6,
                    100.0 * summary.seederUploadedBytes() / delivered);
        }
        if (!summary.ok()) {
            out.println(summary.message());
        }
    }
}
