package murder.cli;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import murder.core.api.AgentInfo;
import murder.core.client.TrackerClient;
import murder.core.client.TrackerUrls;
import murder.core.testing.TestAuth;
import murder.core.trust.KeyFiles;

/**
 * The packaged jar as a tracker with tokens and {@code agents} agents named {@code TAG-1..TAG-N}, tagged TAG, that
 * trust one signing key; started and waited for (all agents alive). Agent i keeps its deploy root in
 * {@link #deployRoot(Path, int)} and its data in {@code tmp/agent-i/data}.
 */
record SignedCluster(MurderProcesses processes, String trackerUrl, TestAuth auth, KeyFiles.Written key,
                     TrackerClient client) {

    static SignedCluster start(Path tmp, String tag, int agents, String stallTimeout) throws Exception {
        MurderProcesses processes = new MurderProcesses(tmp.resolve("logs"));
        int trackerPort = MurderProcesses.freePort();
        String trackerUrl = "http://127.0.0.1:" + trackerPort;
        TestAuth auth = TestAuth.create(tmp.resolve("auth"));
        KeyFiles.Written key = KeyFiles.generate(tmp.resolve("keys/release"));
        TrackerClient client = new TrackerClient(TrackerUrls.parse(trackerUrl), auth.deployer());
        processes.start("tracker", "tracker", "--port", String.valueOf(trackerPort), "--bind", "127.0.0.1",
                "--data-dir", tmp.resolve("tracker").toString(), "--deployer-tokens", auth.deployerTokens().toString(),
                "--agent-secrets", auth.agentSecrets().toString());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.status() != null);
        for (int i = 1; i <= agents; i++) {
            processes.start(Map.of("MURDER_TOKEN", auth.agentToken(tag + "-" + i)), "agent-" + i, "agent",
                    "--tracker", trackerUrl, "--host", tag + "-" + i, "--tags", tag,
                    "--deploy-root", deployRoot(tmp, i).toString(), "--data-dir",
                    tmp.resolve("agent-" + i + "/data").toString(), "--port", "0", "--stall-timeout", stallTimeout,
                    "--trust", key.publicKey().toString());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.status().agents().stream().filter(AgentInfo::alive).count() == agents);
        return new SignedCluster(processes, trackerUrl, auth, key, client);
    }

    static Path deployRoot(Path tmp, int i) {
        return tmp.resolve("agent-" + i + "/deploy");
    }
}
