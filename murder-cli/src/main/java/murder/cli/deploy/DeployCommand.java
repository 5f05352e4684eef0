package murder.cli.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import murder.cli.AccessOptions;
import murder.cli.BindOption;
import murder.cli.Durations;
import murder.cli.TrackerOption;
import murder.cli.WorkDir;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.bt.BtSettings;
import murder.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a directory or .tar.gz to every live agent with a tag, seeding it from here, and wait "
            + "until all of them run it.",
            "Exits 0 only if every targeted host is ACTIVE."})
public final class DeployCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "Directory (its contents become the release root) "
            + "or an existing .tar.gz")
    Path source;

    @Mixin
    TrackerOption tracker;

    @Mixin
    AccessOptions access;

    @Option(names = "--release", required = true, paramLabel = "ID", description = "Release id, [A-Za-z0-9._-]{1,128}")
    String releaseId;

    @Option(names = "--tag", required = true, paramLabel = "TAG", description = "Deploy to the agents with this tag")
    String tag;

    @Option(names = "--timeout", defaultValue = "10m", converter = Durations.class, paramLabel = "DURATION",
            description = "How long to wait for all hosts (default: ${DEFAULT-VALUE}), e.g. 90s, 10m")
    Duration timeout;

    @Option(names = "--json", description = "Print the summary as one JSON document on stdout")
    boolean json;

    @Option(names = "--bt-port", defaultValue = "0", paramLabel = "PORT",
            description = "BitTorrent port to seed from (default: any free port)")
    int btPort;

    @Mixin
    BindOption bind;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where to write the tarball while seeding (default: a temporary directory, removed after)")
    Path workDir;

    @Override
    public Integer call() throws IOException {
        Names.requireReleaseId(releaseId);
        Names.requireTag(tag);
        if (!Files.exists(source)) {
            throw MurderException.badInput("cannot deploy " + source + ": no such file or directory");
        }
        InetAddress address = bind.address(tracker.uri());
        PrintStream out = System.out;
        PrintStream progress = System.err;
        try (WorkDir work = WorkDir.of(workDir, "murder-deploy-")) {
            DeployRequest request = new DeployRequest(source, releaseId, tag, timeout,
                    new BtSettings(address, btPort), work.path());
            DeploySummary summary = new DeployRun(tracker.client(access), progress).run(request, settled -> {
                if (json) {
                    out.println(Json.pretty(settled));
                } else {
                    SummaryPrinter.print(settled, out);
                }
            });
            return summary.ok() ? 0 : MurderException.Kind.FAILED.exitCode;
        }
    }
}
