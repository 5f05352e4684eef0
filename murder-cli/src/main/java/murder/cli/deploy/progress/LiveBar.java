package murder.cli.deploy.progress;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import murder.core.api.DeploymentStatus;

/**
 * On a terminal: one live bar of the bytes the fleet holds (rate and ETA from the progressbar library) with hosts by
 * state beside it; notes and failed hosts are printed above it.
 */
public final class LiveBar implements ProgressView {

    /** Clears the bar's line before a note is printed over it (ANSI erase-in-line). */
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream out;
    private final long releaseBytes;
    private final Failures failures = new Failures();
    private final int width;
    private ProgressBar bar;

    /** As wide as the terminal (the library asks it). */
    public LiveBar(PrintStream out, long releaseBytes) {
        this(out, releaseBytes, 0);
    }

    /** @param width columns to draw in, or 0 for the terminal's width */
    public LiveBar(PrintStream out, long releaseBytes, int width) {
        this.out = out;
        this.releaseBytes = releaseBytes;
        this.width = width;
    }

    @Override
    public void status(DeploymentStatus status) {
        failures.newLines(status).forEach(this::note);
        FleetProgress fleet = FleetProgress.of(status, releaseBytes);
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "deploy %d", status.deployment().id()))
                    .setInitialMax(Math.max(1, fleet.totalBytes()))
                    .setUnit("MB", 1_000_000)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(width > 0 ? new ConsoleProgressBarConsumer(out, width)
                            : new ConsoleProgressBarConsumer(out))
                    .build();
        }
        bar.stepTo(fleet.doneBytes());
        bar.setExtraMessage(" " + fleet.settled());
    }

    @Override
    public void note(String line) {
        synchronized (out) { // the bar redraws from its own thread
            out.print(CLEAR_LINE);
            out.println(line);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.flush();
    }
}
