package murder.core.api;

import java.util.List;

/** A deployment and the state of each host in it (targets that have not reported yet appear as PENDING). */
public record DeploymentStatus(Deployment deployment, List<HostState> hosts) {
}
