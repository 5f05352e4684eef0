package murder.cli.deploy.progress;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;

/** One line per host per state change (downloads in steps of 25%): readable for a handful of hosts. */
public final class HostLines implements ProgressView {

    private final PrintStream out;
    private final Map<String, String> lastShown = new HashMap<>();

    public HostLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void status(DeploymentStatus status) {
        for (HostState state : status.hosts()) {
            String shown = state.state() == HostPhase.DOWNLOADING
                    ? "DOWNLOADING " + (state.progress() / 25 * 25) + "%" : state.state().name();
            if (!shown.equals(lastShown.put(state.host(), shown))) {
                out.printf("  %-24s %s%s%n", state.host(), shown, state.reason() == null ? "" : ": " + state.reason());
            }
        }
    }

    @Override
    public void note(String line) {
        out.println(line);
    }

    @Override
    public void close() {
        out.flush();
    }
}
