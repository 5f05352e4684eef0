package murder.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import murder.core.api.Deployment;
import murder.core.api.DeploymentStatus;
import murder.core.api.HostPhase;
import murder.core.api.HostState;
import org.junit.jupiter.api.Test;

class PreviousReleaseTest {

    private static DeploymentStatus deployment(long id, String release, String tag, HostPhase... states) {
        List<HostState> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            hosts.add(new HostState("h" + i, states[i], 100, null, Instant.EPOCH, true));
        }
        return new DeploymentStatus(new Deployment(id, release, tag, Instant.EPOCH, List.of()), hosts);
    }

    @Test
    void theReleaseThatRanBeforeTheCurrentOneSkippingFailuresOtherTagsAndRedeploys() {
        List<DeploymentStatus> newestFirst = List.of(
                deployment(6, "r4", "web", HostPhase.FAILED, HostPhase.FAILED), // never ran: not current
                deployment(5, "r3", "web", HostPhase.ACTIVE),
                deployment(4, "r3", "web", HostPhase.ACTIVE),                  // a redeploy of the current one
                deployment(3, "x9", "db", HostPhase.ACTIVE),                   // another tag
                deployment(2, "r2", "web", HostPhase.ACTIVE, HostPhase.FAILED),
                deployment(1, "r1", "web", HostPhase.ACTIVE));

        assertThat(PreviousRelease.current("web", newestFirst)).contains("r3");
        assertThat(PreviousRelease.of("web", newestFirst)).contains("r2");
        assertThat(PreviousRelease.of("db", newestFirst)).isEmpty();
        assertThat(PreviousRelease.of("api", newestFirst)).isEmpty();
    }
}
