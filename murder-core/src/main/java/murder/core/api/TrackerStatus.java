package murder.core.api;

import java.util.List;

/** Everything {@code murder status} shows: releases, deployments (newest first) with host states, agents. */
public record TrackerStatus(List<ReleaseManifest> releases, List<DeploymentStatus> deployments,
                            List<AgentInfo> agents) {
}
