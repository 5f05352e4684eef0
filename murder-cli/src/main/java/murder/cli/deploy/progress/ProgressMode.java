package murder.cli.deploy.progress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** How {@code murder deploy} shows progress on stderr ({@code --progress}). */
public enum ProgressMode {
    /** A live bar on a terminal, else timestamped summary lines. */
    AUTO,
    BAR,
    SUMMARY,
    /** One line per host per state change (small fleets). */
    HOSTS;

    public ProgressView view(PrintStream out, long releaseBytes) {
        return switch (this == AUTO ? (stderrIsTerminal() ? BAR : SUMMARY) : this) {
            case BAR -> new LiveBar(out, releaseBytes);
            case SUMMARY -> new PeriodicSummary(out, releaseBytes);
            default -> new HostLines(out);
        };
    }

    /** Java tells only whether stdin and stdout are a console; on Linux, /proc says what fd 2 is. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
