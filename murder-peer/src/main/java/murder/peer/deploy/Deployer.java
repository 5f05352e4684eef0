package murder.peer.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.Sha256;
import murder.core.api.DesiredRelease;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import murder.core.api.StateReport;
import murder.core.tarball.UnpackLimits;
import murder.peer.activate.CurrentLink;
import murder.peer.activate.DeployRoot;
import murder.peer.activate.FileTrees;
import murder.peer.activate.Stager;
import murder.peer.hooks.Hooks;
import murder.peer.state.AgentState;
import murder.peer.state.AgentStateStore;
import murder.peer.state.AppliedRelease;
import murder.peer.state.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one deployment on this host: {@code PENDING -> DOWNLOADING -> VERIFYING -> STAGED -> ACTIVATING -> ACTIVE},
 * or {@code FAILED}/{@code REJECTED} with a reason. Every failure is reported, never thrown: the agent keeps running.
 * Not thread-safe: one deployment at a time (the {@link DeployWorker} guarantees it).
 */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

    private final DeployRoot root;
    private final Stager stager;
    private final CurrentLink currentLink;
    private final ActivationHooks hooks;
    private final Cleanup cleanup;
    private final DataDir data;
    private final AgentStateStore state;
    private final ReportSink reports;
    private final TarballSource source;
    private final DeploymentTrust trust;

    public Deployer(DeployRoot root, DataDir data, AgentStateStore state, ReportSink reports, TarballSource source,
                    int keepReleases, DeploymentTrust trust) {
        this(root, data, state, reports, source, keepReleases, trust, UnpackLimits.defaults());
    }

    public Deployer(DeployRoot root, DataDir data, AgentStateStore state, ReportSink reports, TarballSource source,
                    int keepReleases, DeploymentTrust trust, UnpackLimits unpackLimits) {
        this(root, data, state, reports, source, keepReleases, trust, unpackLimits, Hooks.none());
    }

    public Deployer(DeployRoot root, DataDir data, AgentStateStore state, ReportSink reports, TarballSource source,
                    int keepReleases, DeploymentTrust trust, UnpackLimits unpackLimits, Hooks hooks) {
        this.root = root;
        this.stager = new Stager(root, unpackLimits);
        this.currentLink = new CurrentLink(root);
        this.hooks = new ActivationHooks(hooks, root, currentLink);
        this.cleanup = new Cleanup(root, data, state, source, keepReleases);
        this.data = data;
        this.state = state;
        this.reports = reports;
        this.source = source;
        this.trust = trust;
    }

    /** Runs the deployment to its end; the final phase, or empty if the agent's shutdown interrupted it. */
    public Optional<HostPhase> deploy(DesiredRelease desired, Cancellation cancel) {
        Run run = new Run(desired);
        Optional<HostPhase> ended = alreadyEnded(run);
        if (ended.isPresent()) {
            return ended;
        }
        try {
            return Optional.of(execute(run, cancel));
        } catch (CancelledException e) {
            if (e.isShutdown()) {
                log.info("deployment {} release {}: interrupted by shutdown, resumes after restart", run.id, run.releaseId());
                return Optional.empty();
            }
            return Optional.of(fail(run, HostPhase.FAILED, e.getMessage()));
        } catch (MurderException e) {
            return Optional.of(fail(run, HostPhase.FAILED, e.getMessage()));
        } catch (UncheckedIOException e) {
            return Optional.of(fail(run, HostPhase.FAILED, e.getMessage() + " (" + FileTrees.osError(e.getCause()) + ")"));
        } catch (RuntimeException e) {
            log.error("deployment {}: unexpected failure", run.id, e);
            return Optional.of(fail(run, HostPhase.FAILED, "unexpected agent error: " + e));
        } finally {
            source.keepOnly(root.currentRelease());
        }
    }

    private HostPhase execute(Run run, Cancellation cancel) {
        // first of all, before any state change or download: is this deployment what a trusted key signed?
        DeploymentTrust.Decision decision = trust.check(run.desired, state.get(), root.currentRelease());
        if (!decision.trusted()) {
            return fail(run, HostPhase.REJECTED, decision.refusal());
        }
        run.trusted(decision);
        ReleaseManifest release = run.release;
        String invalid = invalidNames(release);
        if (invalid != null) {
            return fail(run, HostPhase.REJECTED, invalid);
        }
        if (root.currentRelease().equals(Optional.of(release.id()))) {
            return alreadyActive(run);
        }
        if (state.get().isStaged(release.id(), release.sha256()) && Files.isDirectory(root.releaseDir(release.id()))) {
            return fromDisk(run, cancel);
        }
        run.report(HostPhase.PENDING, 0, null);
        state.update(s -> s.withDeployment(run.id, release, HostPhase.PENDING, null));
        root.prepare();
        Path dir = data.prepareDownload(release);
        Path tarball = download(run, dir, cancel);
        long verifying = System.nanoTime();
        verify(run, tarball);
        cancel.throwIfCancelled();
        long staging = System.nanoTime();
        stage(run, tarball);
        log.info("deployment {} release {}: verified in {} s, staged in {} s", run.id, run.releaseId(),
                seconds(verifying, staging), seconds(staging));
        cancel.throwIfCancelled(); // last chance: activation itself is never abandoned half-way
        activate(run);
        return HostPhase.ACTIVE;
    }

    /** A restart or a redeploy of what already runs: say so, and share the tarball again, without redoing work. */
    private HostPhase alreadyActive(Run run) {
        updateStateQuietly(run, HostPhase.ACTIVE, null);
        try {
            state.update(s -> s.withApplied(run.applied()));
        } catch (RuntimeException e) {
            log.warn("deployment {}: {}", run.id, e.getMessage());
        }
        run.report(HostPhase.ACTIVE, 100, null);
        log.info("deployment {} release {}: already active", run.id, run.releaseId());
        seedIfKept(run);
        return HostPhase.ACTIVE;
    }

    /**
     * A release this agent unpacked before from a tarball with the signed hash, still kept under releases/: a rollback
     * (or a return to it) is a symlink swap, without download, verify or unpack. Its tarball, if kept, is shared
     * again for hosts that lack the release.
     */
    private HostPhase fromDisk(Run run, Cancellation cancel) {
        state.update(s -> s.withDeployment(run.id, run.release, HostPhase.STAGED, null));
        run.report(HostPhase.STAGED, 100, null);
        log.info("deployment {} release {}: unpacked here before, activating it from {}", run.id, run.releaseId(),
                root.releaseDir(run.releaseId()));
        cancel.throwIfCancelled();
        activate(run);
        seedIfKept(run);
        return HostPhase.ACTIVE;
    }

    /** Shares the release's tarball again when it is still on disk, for hosts that lack the release. */
    private void seedIfKept(Run run) {
        Path tarball = data.tarball(run.release);
        if (Files.isRegularFile(tarball)) {
            source.seed(run.release, tarball.getParent());
        }
    }

    private Path download(Run run, Path dir, Cancellation cancel) {
        run.report(HostPhase.DOWNLOADING, 0, null);
        state.update(s -> s.withOutcome(HostPhase.DOWNLOADING, null));
        ProgressThrottle throttle = new ProgressThrottle();
        throttle.shouldReport(0, System.nanoTime());
        long started = System.nanoTime();
        AtomicBoolean downloading = new AtomicBoolean(true); // a late callback must not report DOWNLOADING again
        TarballSource.Fetched fetched;
        try {
            fetched = source.fetch(run.release, dir, percent -> {
                if (downloading.get() && throttle.shouldReport(percent, System.nanoTime())) {
                    run.report(HostPhase.DOWNLOADING, percent, null);
                }
            }, cancel);
        } finally {
            downloading.set(false);
        }
        log.info("deployment {} release {}: downloaded {} MB in {} s from {} peers", run.id, run.releaseId(),
                String.format(Locale.ROOT, "%.1f", fetched.bytes() / 1e6), seconds(started), fetched.peers());
        return fetched.tarball();
    }

    private void verify(Run run, Path tarball) {
        run.report(HostPhase.VERIFYING, 100, null);
        String expected = run.release.sha256();
        String actual = Sha256.ofFile(tarball);
        if (actual.equalsIgnoreCase(expected)) {
            return;
        }
        source.stop(run.releaseId()); // bt holds the file open while seeding it
        try {
            Files.deleteIfExists(tarball);
        } catch (IOException e) {
            log.warn("cannot delete the bad tarball {}: {}", tarball, FileTrees.osError(e));
        }
        throw new MurderException(MurderException.Kind.FAILED, "tarball " + tarball + " has sha256 " + actual
                + " but the release manifest says " + expected + "; deleted it: check the seeder's copy of "
                + run.release.fileName() + ", then deploy again");
    }

    private void stage(Run run, Path tarball) {
        String id = run.releaseId();
        if (state.get().isStaged(id, run.release.sha256()) && Files.isDirectory(root.releaseDir(id))) {
            log.debug("deployment {}: reusing the unpacked {}", run.id, root.releaseDir(id));
        } else {
            stager.stage(tarball, id);
            state.update(s -> s.withStaged(id, run.release.sha256()));
        }
        state.update(s -> s.withOutcome(HostPhase.STAGED, null));
        run.report(HostPhase.STAGED, 100, null);
    }

    private void activate(Run run) {
        Optional<String> previous = root.currentRelease();
        hooks.afterStage(run.id, run.releaseId(), previous);
        run.report(HostPhase.ACTIVATING, 100, null);
        currentLink.swapTo(run.releaseId());
        Optional<String> hookFailure = hooks.afterActivate(run.id, run.releaseId(), previous);
        if (hookFailure.isPresent() && previous.isPresent()) {
            // current is back on the previous release: nothing of this activation is recorded
            throw new MurderException(MurderException.Kind.FAILED, hookFailure.get());
        }
        try {
            state.update(s -> s.withActivation(run.releaseId()).withApplied(run.applied())
                    .withOutcome(HostPhase.ACTIVE, null));
        } catch (RuntimeException e) {
            // current is swapped, which is what a restart looks at: report the truth, warn about the disk
            log.warn("deployment {}: activated, but {}", run.id, e.getMessage());
        }
        if (hookFailure.isPresent()) { // no release to go back to: current stays, recorded, but the host failed
            throw new MurderException(MurderException.Kind.FAILED, hookFailure.get());
        }
        run.report(HostPhase.ACTIVE, 100, null);
        log.info("deployment {} release {}: activated {} ({} s after it arrived)", run.id, run.releaseId(),
                root.releaseDir(run.releaseId()), seconds(run.startedNanos));
        cleanup.run();
    }

    /**
     * A deployment that already failed here (the tracker hands it out again after a restart) is not run again: that
     * would activate, later, a release the deploy already reported as failed. The failure is reported again.
     */
    private Optional<HostPhase> alreadyEnded(Run run) {
        AgentState last = state.get();
        if (last.lastDeploymentId() != run.id
                || last.outcome() != HostPhase.FAILED && last.outcome() != HostPhase.REJECTED) {
            return Optional.empty();
        }
        log.info("deployment {} release {}: already ended {} here ({}); deploy again to retry", run.id,
                run.releaseId(), last.outcome(), last.reason());
        run.report(last.outcome(), 0, last.reason());
        return Optional.of(last.outcome());
    }

    private HostPhase fail(Run run, HostPhase phase, String reason) {
        log.warn("deployment {} release {}: {}: {}", run.id, run.releaseId(), phase, reason);
        updateStateQuietly(run, phase, reason);
        run.report(phase, run.progress, reason);
        return phase;
    }

    private void updateStateQuietly(Run run, HostPhase phase, String reason) {
        try {
            state.update(s -> s.withDeployment(run.id, run.release, phase, reason));
        } catch (RuntimeException e) {
            log.warn("deployment {}: {}", run.id, e.getMessage());
        }
    }

    private static String invalidNames(ReleaseManifest release) {
        if (release == null || !Names.isValid(release.id()) || !Names.isValid(release.fileName())) {
            return "the release manifest has an invalid id or file name (" + (release == null ? "no release"
                    : release.id() + ", " + release.fileName()) + "): the agent will not use it in paths";
        }
        return null;
    }

    private static String seconds(long startedNanos) {
        return seconds(startedNanos, System.nanoTime());
    }

    private static String seconds(long fromNanos, long toNanos) {
        return String.format(Locale.ROOT, "%.1f", (toNanos - fromNanos) / 1e9);
    }

    /** One deployment in flight: its ids, when it arrived, and its last reported progress. */
    private final class Run {
        final long id;
        final DesiredRelease desired;
        /** The tracker's manifest until the trust check replaces it with what the signed statement says. */
        ReleaseManifest release;
        long version;
        final long startedNanos = System.nanoTime();
        volatile int progress;

        Run(DesiredRelease desired) {
            this.id = desired.deploymentId();
            this.desired = desired;
            this.release = desired.release();
        }

        void trusted(DeploymentTrust.Decision decision) {
            release = decision.release();
            version = decision.version();
        }

        AppliedRelease applied() {
            return new AppliedRelease(release.id(), release.createdAt(), version);
        }

        String releaseId() {
            return release == null ? null : release.id();
        }

        void report(HostPhase phase, int percent, String reason) {
            progress = percent;
            log.debug("deployment {}: {} {}%", id, phase, percent);
            reports.report(new StateReport(id, releaseId(), phase, percent, reason));
        }
    }
}
