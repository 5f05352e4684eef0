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
import murder.cli.Ports;
import murder.cli.TrackerOption;
import murder.cli.WorkDir;
import murder.cli.deploy.progress.ProgressMode;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.bt.BtSettings;
import murder.core.json.Json;
import murder.core.trust.StatementSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a directory or .tar.gz to every live agent with a tag, seeding it from here, and wait "
            + "until all of them run it. Without PATH, deploy again a release the tracker already has.",
            "Exits 0 only if every targeted host is ACTIVE."})
public final class DeployCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Directory (its contents become the "
            + "release root) or an existing .tar.gz; omit it to redeploy a registered release")
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

    @Option(names = "--key", paramLabel = "FILE",
            description = "Ed25519 private key (PKCS#8 PEM, from `murder keygen`) to sign the deployment with; agents "
                + "run only what a key they --trust signed (env MURDER_SIGNING_KEY)")
    Path key;

    @Option(names = "--unsigned", description = "Deploy without a signature: only agents started with "
            + "--allow-unsigned (lab) accept it")
    boolean unsigned;

    @Option(names = "--rollback", description = "Sign this as a deliberate rollback to an older release (agents "
            + "refuse to go back to an older release otherwise)")
    boolean rollback;

    @Option(names = "--on-interrupt", defaultValue = "cancel", paramLabel = "cancel|leave",
            description = "What SIGINT/SIGTERM does to the deployment: cancel it (hosts not done become FAILED, "
                + "agents stop) or leave it running until its deadline (default: ${DEFAULT-VALUE}); the summary so "
                + "far is printed either way")
    DeployRequest.OnInterrupt onInterrupt;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|summary|hosts",
            description = "Progress on stderr: a live bar (on a terminal), a timestamped summary line every 5 s, or a "
                + "line per host and state change; auto is bar on a terminal, else summary (default: ${DEFAULT-VALUE})")
    ProgressMode progress;

    @Override
    public Integer call() throws IOException {
        Names.requireReleaseId(releaseId);
        Names.requireTag(tag);
        Ports.require(btPort, "--bt-port");
        DeploySigning signing = signing();
        if (source != null && !Files.exists(source)) {
            throw MurderException.badInput("cannot deploy " + source + ": no such file or directory");
        }
        InetAddress address = bind.address(tracker.uri());
        try (WorkDir work = WorkDir.of(workDir, "murder-deploy-")) {
            DeployRequest request = new DeployRequest(source, releaseId, tag, timeout,
                    new BtSettings(address, btPort, bind.engine()), work.path(), signing, onInterrupt);
            return run(tracker, access, request, json, progress);
        }
    }

    /** Runs a deploy and prints its summary (text or JSON) on stdout, progress on stderr; the exit code. */
    public static int run(TrackerOption tracker, AccessOptions access, DeployRequest request, boolean json,
                          ProgressMode progress) {
        PrintStream out = System.out;
        DeploySummary summary = new DeployRun(tracker.client(access), System.err, progress).run(request, settled -> {
            if (json) {
                out.println(Json.pretty(settled));
            } else {
                SummaryPrinter.print(settled, out);
            }
            out.flush();
        });
        return summary.ok() ? 0 : MurderException.Kind.FAILED.exitCode;
    }

    /** Signing is the default and must be chosen away explicitly; the key is loaded before anything is packed. */
    private DeploySigning signing() {
        if (key != null && unsigned) {
            throw MurderException.badInput("--key and --unsigned contradict each other: choose one");
        }
        if (key == null && !unsigned) {
            throw MurderException.badInput("deploy needs --key FILE (or MURDER_SIGNING_KEY) to sign the deployment, "
                    + "or --unsigned for agents started with --allow-unsigned; make a key pair with "
                    + "`murder keygen --out PREFIX`");
        }
        if (unsigned) {
            if (rollback) {
                throw MurderException.badInput("--rollback is a signed statement: use it with --key, not --unsigned");
            }
            return DeploySigning.unsigned();
        }
        return DeploySigning.with(StatementSigner.load(key), rollback);
    }
}
