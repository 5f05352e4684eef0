package murder.cli.deploy.progress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;

/** The hosts that newly ended FAILED or REJECTED: on a big fleet these are the lines worth printing one by one. */
final class Failures {

    private final Set<String> said = new HashSet<>();

    List<String> newLines(DeploymentStatus status) {
        List<String> lines = new ArrayList<>();
        for (HostState h : status.hosts()) {
            if ((h.state() == HostPhase.FAILED || h.state() == HostPhase.REJECTED) && said.add(h.host())) {
                lines.add(String.format("  %-24s %s%s", h.host(), h.state(), h.reason() == null ? "" : ": " + h.reason()));
            }
        }
        return lines;
    }
}
