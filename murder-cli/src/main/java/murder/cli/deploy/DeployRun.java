package murder.cli.deploy;

import java.io.PrintStream;
import murder.core.api.Deployment;
import murder.core.client.TrackerClient;
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
        long started = System.nanoTime();
        tracker.status(); // fail fast on a wrong --tracker, before minutes of packing
        PreparedRelease release = ReleasePacker.prepare(request.source(), request.releaseId(), request.workDir(),
                tracker.announceUrl());
        tracker.registerRelease(release.manifest(), release.torrent());
        try (Seeder seeder = Seeder.start(release, request.bt())) {
            log.info("release {}: seeding on {}:{}", request.releaseId(), request.bt().address().getHostAddress(),
                    seeder.port());
            Deployment deployment = tracker.createDeployment(request.releaseId(), request.tag());
            progress.printf("deployment %d: release %s to tag %s, %d host(s): %s%n", deployment.id(),
                    deployment.release(), deployment.tag(), deployment.targets().size(),
                    String.join(", ", deployment.targets()));
            DeployWatcher watcher = new DeployWatcher(tracker, progress);
            DeployWatcher.Outcome outcome = watcher.watch(deployment, started, request.timeout());
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            return new DeploySummary(deployment.id(), deployment.release(), deployment.tag(), outcome.ok(),
                    outcome.message(), elapsedMs, release.manifest().size(), seeder.progress().uploaded(),
                    outcome.hosts());
        }
    }
}
