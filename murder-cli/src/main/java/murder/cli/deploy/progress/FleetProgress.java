package murder.cli.deploy.progress;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;

/**
 * A whole fleet in one line's worth of numbers: hosts by state and the bytes they hold. A host's bytes are its
 * progress times the release size (ACTIVE counts whole); targets that have not reported count as PENDING at 0.
 */
public record FleetProgress(Map<HostPhase, Integer> byState, int hosts, long doneBytes, long totalBytes) {

    public static FleetProgress of(DeploymentStatus status, long releaseBytes) {
        Map<String, HostState> byHost = new HashMap<>();
        status.hosts().forEach(h -> byHost.put(h.host(), h));
        List<String> targets = status.deployment().targets();
        Map<HostPhase, Integer> counts = new EnumMap<>(HostPhase.class);
        long done = 0;
        for (String host : targets) {
            HostState state = byHost.get(host);
            HostPhase phase = state == null ? HostPhase.PENDING : state.state();
            counts.merge(phase, 1, Integer::sum);
            int percent = phase == HostPhase.ACTIVE ? 100 : state == null ? 0 : state.progress();
            done += releaseBytes * percent / 100;
        }
        return new FleetProgress(counts, targets.size(), done, releaseBytes * targets.size());
    }

    public int count(HostPhase phase) {
        return byState.getOrDefault(phase, 0);
    }

    /** Short enough to sit beside a bar on 80 columns: "3/6 ACTIVE, 1 FAILED" (REJECTED too, when there are). */
    public String settled() {
        StringBuilder out = new StringBuilder().append(count(HostPhase.ACTIVE)).append('/').append(hosts)
                .append(" ACTIVE");
        for (HostPhase bad : List.of(HostPhase.FAILED, HostPhase.REJECTED)) {
            if (count(bad) > 0) {
                out.append(", ").append(count(bad)).append(' ').append(bad);
            }
        }
        return out.toString();
    }

    /** "2 DOWNLOADING, 3 ACTIVE, 1 FAILED", in the order of the phases. */
    public String states() {
        StringJoiner out = new StringJoiner(", ");
        byState.forEach((phase, n) -> out.add(n + " " + phase));
        return out.length() == 0 ? "no hosts" : out.toString();
    }
}
