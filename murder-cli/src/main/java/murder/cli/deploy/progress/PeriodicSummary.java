package murder.cli.deploy.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.LongSupplier;
import murder.core.api.DeploymentStatus;

/**
 * Off a terminal (a log, cron mail, CI): one timestamped line every few seconds with hosts by state, bytes, rate
 * and ETA, plus one line per host that fails. A fleet of any size prints the same few lines a minute.
 */
public final class PeriodicSummary implements ProgressView {

    public static final Duration EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final long releaseBytes;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Failures failures = new Failures();
    private long lastPrinted = Long.MIN_VALUE;
    private long lastBytes;
    private FleetProgress latest;
    private long deploymentId;

    public PeriodicSummary(PrintStream out, long releaseBytes) {
        this(out, releaseBytes, Clock.systemUTC(), System::nanoTime);
    }

    /** {@code nanoTime} paces the lines and measures the rate (tests move it by hand). */
    public PeriodicSummary(PrintStream out, long releaseBytes, Clock clock, LongSupplier nanoTime) {
        this.out = out;
        this.releaseBytes = releaseBytes;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    @Override
    public void status(DeploymentStatus status) {
        failures.newLines(status).forEach(out::println);
        deploymentId = status.deployment().id();
        latest = FleetProgress.of(status, releaseBytes);
        long now = nanoTime.getAsLong();
        if (lastPrinted == Long.MIN_VALUE || now - lastPrinted >= EVERY.toNanos()) {
            print(now);
        }
    }

    private void print(long now) {
        double seconds = lastPrinted == Long.MIN_VALUE ? 0 : (now - lastPrinted) / 1e9;
        double rate = seconds > 0 ? Math.max(0, latest.doneBytes() - lastBytes) / seconds : 0;
        long left = latest.totalBytes() - latest.doneBytes();
        String eta = rate > 0 ? " ETA " + Durations.compact((long) (left / rate)) : "";
        out.printf(Locale.ROOT, "%s deployment %d: %d/%d ACTIVE (%s); %.1f of %.1f MB (%d%%), %.1f MB/s%s%n",
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS), deploymentId, latest.count(
                        murder.core.api.HostPhase.ACTIVE), latest.hosts(), latest.states(), latest.doneBytes() / 1e6,
                latest.totalBytes() / 1e6, latest.totalBytes() == 0 ? 100 : latest.doneBytes() * 100
                        / latest.totalBytes(), rate / 1e6, eta);
        lastPrinted = now;
        lastBytes = latest.doneBytes();
    }

    @Override
    public void note(String line) {
        out.printf("%s %s%n", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS), line.strip());
    }

    /** The last state is worth a line of its own, however recent the one before. */
    @Override
    public void close() {
        if (latest != null && lastBytes != latest.doneBytes()) {
            print(nanoTime.getAsLong());
        }
        out.flush();
    }
}
