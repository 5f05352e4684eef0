package murder.tracker.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import murder.core.api.AgentInfo;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import murder.tracker.store.HostStateStore;

/** Builds a deployment's status: every target (PENDING until it reports) plus any other host that reported. */
final class HostStates {

    private HostStates() {
    }

    static DeploymentStatus status(Deployment deployment, List<HostStateStore.Row> reported, List<AgentInfo> agents) {
        Set<String> alive = agents.stream().filter(AgentInfo::alive).map(AgentInfo::host).collect(Collectors.toSet());
        Map<String, HostStateStore.Row> byHost = new LinkedHashMap<>();
        reported.forEach(r -> byHost.put(r.host(), r));
        List<HostState> hosts = new ArrayList<>();
        for (String target : deployment.targets()) {
            HostStateStore.Row row = byHost.remove(target);
            hosts.add(row != null ? state(row, alive)
                    // not reported yet: pending since the deployment was created
                    : new HostState(target, HostPhase.PENDING, 0, null, deployment.createdAt(), alive.contains(target)));
        }
        byHost.values().forEach(row -> hosts.add(state(row, alive)));
        return new DeploymentStatus(deployment, hosts);
    }

    private static HostState state(HostStateStore.Row row, Set<String> alive) {
        return new HostState(row.host(), row.state(), row.progress(), row.reason(), row.updatedAt(),
                alive.contains(row.host()));
    }
}
