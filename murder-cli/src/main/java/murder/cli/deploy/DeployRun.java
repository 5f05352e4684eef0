package murder.cli.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import murder.core.MurderException;
import murder.core.api.CreateDeployment;
import murder.core.api.Deployment;
import murder.core.api.ReleaseManifest;
import murder.core.client.TrackerClient;
import murder.core.trust.Envelope;
import murder.seeder.PreparedRelease;
import murder.seeder.ReleasePacker;
import murder.seeder.Seeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One deploy: pack, make the torrent, register, seed, start the deployment, and watch it to the end. */
public final class DeployRun {

    private static final Logger log = LoggerFactory.getLogger(DeployRun.class);

    private final TrackerClient tracker;
    private final PrintStream progress;

    public DeployRun(TrackerClient tracker, PrintStream progress) {
        this.tracker = tracker;
        this.progress = progress;
    }

    public DeploySummary run(DeployRequest request) {
        return run(request, summary -> { });
    }

    /**
     * Runs the deploy; {@code whenSettled} sees the summary as soon as every host has settled, before this process
     * stops seeding (bt takes seconds to say goodbye to the swarm), so an operator reads the outcome at once.
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
        PreparedRelease release = ReleasePacker.prepare(request.source(), request.releaseId(), request.workDir(),
                tracker.announceUrl());
        ReleaseManifest packed = release.manifest();
        ReleaseManifest stored = tracker.registerRelease(release.manifest(), release.torrent());
        release = registered(release, stored, request.workDir());
        try (Seeder seeder = Seeder.start(release, request.bt(), tracker.access().tls())) {
            log.info("release {}: seeding on {}:{}", request.releaseId(), request.bt().address().getHostAddress(),
                    seeder.port());
            // the tracker's deadline is what is left of --timeout: it fails the hosts when this process gives up
            Duration left = request.timeout().minusNanos(System.nanoTime() - started);
            Envelope signature = signature(request, packed, stored, release.torrent());
            Deployment deployment = tracker.createDeployment(request.releaseId(), request.tag(), signature,
                    left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
            progress.printf("deployment %d: release %s to tag %s, %d host(s): %s%n", deployment.id(),
                    deployment.release(), deployment.tag(), deployment.targets().size(),
                    String.join(", ", deployment.targets()));
            progress.println(signature == null ? "  unsigned: only agents started with --allow-unsigned accept it"
                    : "  signed by key " + request.signing().signer().keyid()
                    + (request.signing().rollback() ? " as a rollback" : ""));
            DeployWatcher watcher = new DeployWatcher(tracker, progress);
            DeployWatcher.Outcome outcome = watcher.watch(deployment, started, request.timeout());
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            DeploySummary summary = new DeploySummary(deployment.id(), deployment.release(), deployment.tag(),
                    outcome.ok(), outcome.message(), elapsedMs, release.manifest().size(),
                    seeder.progress().uploaded(), outcome.hosts());
            whenSettled.accept(summary);
            return summary;
        }
    }

    /** The signed deployment statement, or null for an explicitly unsigned deploy. */
    private Envelope signature(DeployRequest request, ReleaseManifest packed, ReleaseManifest stored, byte[] torrent) {
        if (!request.signing().signs()) {
            return null;
        }
        return request.signing().sign(packed, stored, torrent, request.tag(), tracker.status().deployments(),
                Clock.systemUTC());
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
