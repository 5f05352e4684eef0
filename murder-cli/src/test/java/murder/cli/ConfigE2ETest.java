package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import murder.core.api.AgentInfo;
import murder.core.client.TrackerClient;
import murder.core.client.TrackerUrls;
import murder.core.client.TrackerAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar configured by settings files alone: a tracker and an agent started with no option but what
 * MURDER_CONFIG names, and `murder status` finding the tracker in ~/.config/murder/deploy.yaml.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConfigE2ETest {

    @TempDir
    Path tmp;

    @Test
    void daemonsAndClientRunFromSettingsFiles() throws Exception {
        int port = MurderProcesses.freePort();
        String url = "http://127.0.0.1:" + port;
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path trackerYaml = Files.writeString(tmp.resolve("tracker.yaml"), """
                # a lab tracker
                port: %d
                bind: 127.0.0.1
                data-dir: %s
                no-auth: true
                """.formatted(port, tmp.resolve("tracker")));
        Path agentYaml = Files.writeString(tmp.resolve("agent.yaml"), """
                tracker: %s
                host: cfg-1
                tags: [web, eu]
                deploy-root: %s
                data-dir: %s
                port: 0
                allow-unsigned: true
                """.formatted(url, tmp.resolve("agent/deploy"), tmp.resolve("agent/data")));
        Files.createDirectories(home.resolve(".config/murder"));
        Files.writeString(home.resolve(".config/murder/deploy.yaml"), "tracker: " + url + "\n");

        try (MurderProcesses processes = new MurderProcesses(tmp.resolve("logs"))) {
            processes.start(Map.of("MURDER_CONFIG", trackerYaml.toString(), "HOME", home.toString()), "tracker",
                    "tracker");
            processes.start(Map.of("MURDER_CONFIG", agentYaml.toString(), "HOME", home.toString()), "agent", "agent");
            TrackerClient client = new TrackerClient(TrackerUrls.parse(url), TrackerAccess.NONE);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> client.status().agents().stream().anyMatch(AgentInfo::alive));
            AgentInfo agent = client.status().agents().get(0);
            assertThat(agent.host()).isEqualTo("cfg-1");
            assertThat(agent.tags()).isEqualTo(List.of("web", "eu"));

            Map<String, String> clientEnv = new HashMap<>(Map.of("HOME", home.toString()));
            clientEnv.put("MURDER_CONFIG", null); // the default file, under HOME
            assertThat(processes.run(clientEnv, "status", 60, "status")).as(processes.stderr("status")).isZero();
            assertThat(processes.stdout("status")).contains("cfg-1").contains("web,eu");

            assertThat(processes.stderr("tracker"))
                    .contains("tracker settings (flag > env > file > default; file " + trackerYaml
                        + " from MURDER_CONFIG):")
                    .containsPattern("no-auth +true +file " + trackerYaml + " line 5\n")
                    .containsPattern("port +" + port + " +file " + trackerYaml + " line 2\n")
                    .containsPattern("keep-deployments +100 +default\n");
            assertThat(processes.stderr("agent")).contains("agent settings (")
                    .containsPattern("tags +web,eu +file " + agentYaml + " line 3\n");
        }
    }
}
