package murder.cli.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import murder.cli.deploy.progress.ProgressMode;
import murder.core.MurderException;
import murder.core.api.Deployment;
import murder.core.api.ReleaseManifest;
import murder.core.client.TrackerClient;
import murder.core.trust.Envelope;
import murder.seeder.PreparedRelease;
import murder.seeder.ReleasePacker;
import murder.seeder.Seeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deploy: pack, make the torrent, register, seed, start the deployment, and watch it to the end. Without a
 * source it deploys a release the tracker already has (redeploy, rollback): nothing is packed or seeded here.
 */
public final class DeployRun {

    private static final Logger log = LoggerFactory.getLogger(DeployRun.class);

    private final TrackerClient tracker;
    private final PrintStream progress;
    private final ProgressMode mode;

    /** Progress as one line per host and state change. */
    public DeployRun(TrackerClient tracker, PrintStream progress) {
        this(tracker, progress, ProgressMode.HOSTS);
    }

    public DeployRun(TrackerClient tracker, PrintStream progress, ProgressMode mode) {
        this.tracker = tracker;
        this.progress = progress;
        this.mode = mode;
    }

    public DeploySummary run(DeployRequest request) {
        return run(request, summary -> { });
    }

    /**
     * Runs the deploy; {@code whenSettled} sees the summary as soon as every host has settled, before this process
     * stops seeding (bt takes seconds to say goodbye to the swarm), so an operator reads the outcome at once. On
     * SIGINT/SIGTERM it sees the summary so far instead, after the deployment was cancelled or left as asked.
     */
    public DeploySummary run(DeployRequest request, Consumer<DeploySummary> whenSettled) {
        try {
            return deploy(request, whenSettled);
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "deploy of " + request.releaseId() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private DeploySummary deploy(DeployRequest request, Consumer<DeploySummary> whenSettled) throws IOException {
        long started = System.nanoTime();
        ping(); // fail fast on a wrong --tracker, before minutes of packing
        if (!request.packsHere()) {
            return redeploy(request, whenSettled, started);
        }
        PreparedRelease release = ReleasePacker.prepare(request.source(), request.releaseId(), request.workDir(),
                tracker.announceUrl());
        ReleaseManifest packed = release.manifest();
        ReleaseManifest stored = tracker.registerRelease(release.manifest(), release.torrent());
        release = registered(release, stored, request.workDir());
        try (Seeder seeder = Seeder.start(release, request.bt(), tracker.access().tls())) {
            log.info("release {}: seeding on {}:{}", request.releaseId(), request.bt().address().getHostAddress(),
                    seeder.port());
            Envelope signature = request.signing().signs() ? request.signing().sign(packed, stored,
                    release.torrent(), request.tag(), tracker.status().deployments(), Clock.systemUTC()) : null;
            return startAndWatch(request, release.manifest(), signature, started, () -> seeder.progress().uploaded(),
                    whenSettled);
        }
    }

    /** A release the tracker has: its record and torrent from there, signed only as this key signed it before. */
    private DeploySummary redeploy(DeployRequest request, Consumer<DeploySummary> whenSettled, long started) {
        ReleaseManifest stored = tracker.releases().stream().filter(r -> r.id().equals(request.releaseId()))
                .findFirst().orElseThrow(() -> MurderException.badInput("release " + request.releaseId()
                        + " is not registered on the tracker: give the build's PATH to pack and register it (see "
                        + "`murder status` for the releases it has)"));
        byte[] torrent = tracker.torrent(stored.id());
        Envelope signature = request.signing().signs() ? request.signing().signRegistered(stored, torrent,
                request.tag(), tracker.status().deployments(), Clock.systemUTC()) : null;
        progress.printf("release %s is registered: deploying it without seeding from here (hosts that keep it share "
                + "it)%n", stored.id());
        return startAndWatch(request, stored, signature, started, () -> 0, whenSettled);
    }

    private DeploySummary startAndWatch(DeployRequest request, ReleaseManifest release, Envelope signature,
                                        long started, LongSupplier seederUploaded,
                                        Consumer<DeploySummary> whenSettled) {
        DeployWatcher watcher = new DeployWatcher(tracker, mode.view(progress, release.size()));
        try (DeployInterrupt interrupt = new DeployInterrupt(tracker, request.onInterrupt(), progress,
                (deployment, status) -> summary(deployment, watcher.outcome(deployment, status, "interrupted"),
                        started, release, seederUploaded), whenSettled).install()) {
            Deployment deployment;
            try {
                // the tracker's deadline is what is left of --timeout: it fails the hosts when this process gives up
                Duration left = request.timeout().minusNanos(System.nanoTime() - started);
                deployment = tracker.createDeployment(request.releaseId(), request.tag(), signature,
                        left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
                interrupt.created(deployment);
            } finally {
                interrupt.creationEnded();
            }
            progress.printf("deployment %d: release %s to tag %s, %d host(s): %s%n", deployment.id(),
                    deployment.release(), deployment.tag(), deployment.targets().size(),
                    String.join(", ", deployment.targets()));
            progress.println(signature == null ? "  unsigned: only agents started with --allow-unsigned accept it"
                    : "  signed by key " + request.signing().signer().keyid()
                    + (request.signing().rollback() ? " as a rollback" : ""));
            DeployWatcher.Outcome outcome = watcher.watch(deployment, started, request.timeout());
            DeploySummary summary = summary(deployment, outcome, started, release, seederUploaded);
            interrupt.settled(summary);
            return summary;
        }
    }

    private static DeploySummary summary(Deployment deployment, DeployWatcher.Outcome outcome, long started,
                                         ReleaseManifest release, LongSupplier seederUploaded) {
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        return new DeploySummary(deployment.id(), deployment.release(), deployment.tag(), outcome.ok(),
                outcome.message(), elapsedMs, release.size(), seederUploaded.getAsLong(), outcome.hosts());
    }

    /** A cheap health check; a tracker from before the health endpoint (404) is pinged with the full status. */
    private void ping() {
        try {
            tracker.health();
        } catch (MurderException e) {
            if (e.kind() != MurderException.Kind.NOT_FOUND) {
                throw e;
            }
            tracker.status();
        }
    }

    /**
     * The tracker keeps the first registration of a release. When the same content was registered before (say, from
     * a tarball of another name), seed the tracker's torrent, so agents and this seeder meet in one swarm.
     */
    private PreparedRelease registered(PreparedRelease ours, ReleaseManifest stored, Path workDir)
            throws IOException {
        if (stored.infoHash().equals(ours.manifest().infoHash())) {
            return ours;
        }
        log.info("release {} was registered before; seeding the tracker's torrent {}", stored.id(), stored.infoHash());
        Path tarball = ours.tarball();
        if (!tarball.getFileName().toString().equals(stored.fileName())) {
            Path dir = Files.createTempDirectory(workDir, "seed-");
            tarball = Files.createSymbolicLink(dir.resolve(stored.fileName()), tarball.toAbsolutePath());
        }
        return new PreparedRelease(stored, tracker.torrent(stored.id()), tarball);
    }
}
