package murder.peer.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import murder.core.MurderException;
import murder.core.api.HostPhase;
import murder.core.api.ReleaseManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStateStoreTest {

    @TempDir
    Path dir;

    private static final ReleaseManifest R1 = new ReleaseManifest("r1", "r1.tar.gz", 42, "ab".repeat(32),
            "cd".repeat(20), 262144, Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void roundTripsThroughTheFile() {
        Path file = dir.resolve("data/agent-state.json");
        AgentStateStore store = AgentStateStore.open(file);
        assertThat(store.get()).isEqualTo(AgentState.empty());

        store.update(s -> s.withDeployment(7, R1, HostPhase.ACTIVE, null)
                .withStaged("r1", R1.sha256()).withActivation("r0").withActivation("r1"));

        AgentState reloaded = AgentStateStore.open(file).get();
        assertThat(reloaded).isEqualTo(store.get());
        assertThat(reloaded.lastDeploymentId()).isEqualTo(7);
        assertThat(reloaded.release()).isEqualTo(R1);
        assertThat(reloaded.outcome()).isEqualTo(HostPhase.ACTIVE);
        assertThat(reloaded.activationsNewestFirst()).containsExactly("r1", "r0");
        assertThat(reloaded.isStaged("r1", R1.sha256())).isTrue();
        assertThat(reloaded.isStaged("r1", "00".repeat(32))).isFalse();
        assertThat(dir.resolve("data/agent-state.json.tmp")).doesNotExist();
    }

    @Test
    void reactivationMovesAReleaseToTheFrontAndForgettingRemovesIt() {
        AgentState state = AgentState.empty().withActivation("a").withActivation("b").withActivation("a")
                .withStaged("b", "x").withoutReleases(java.util.List.of("b"));

        assertThat(state.activationsNewestFirst()).containsExactly("a");
        assertThat(state.staged()).isEmpty();
    }

    @Test
    void aCorruptFileIsSetAsideAndTheAgentStartsFresh() throws IOException {
        Path file = dir.resolve("agent-state.json");
        Files.writeString(file, "{not json");

        assertThat(AgentStateStore.open(file).get()).isEqualTo(AgentState.empty());
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("agent-state.json.corrupt-"));
        }
    }

    @Test
    void anUnwritableDataDirFailsWithThePathAndKeepsTheChangeInMemory() throws IOException {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        AgentStateStore store = AgentStateStore.open(notADir.resolve("agent-state.json"));

        assertThatThrownBy(() -> store.update(s -> s.withActivation("r1")))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("cannot write data dir " + notADir)
                .hasMessageContaining("exists but is not a directory")
                .hasMessageContaining("make " + notADir + " writable by the agent's user");
        assertThat(store.get().activations()).containsExactly("r1");
    }
}
