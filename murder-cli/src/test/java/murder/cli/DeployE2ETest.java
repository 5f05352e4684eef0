package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import murder.cli.demo.SampleRelease;
import murder.core.api.AgentInfo;
import murder.core.api.HostPhase;
import murder.core.auth.SecretFiles;
import murder.core.client.TrackerClient;
import murder.core.client.TrackerUrls;
import murder.core.json.Json;
import murder.core.trust.KeyFiles;
import murder.core.testing.TestAuth;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as separate processes: a tracker, 5 agents and `murder deploy`, as an operator runs them. */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DeployE2ETest {

    static final int AGENTS = 5;

    @TempDir
    Path tmp;

    MurderProcesses processes;
    int trackerPort;
    String trackerUrl;
    TestAuth auth;
    Path deployerToken;
    TrackerClient client;
    Process tracker;
    KeyFiles.Written key;

    @BeforeEach
    void startTrackerAndAgents() throws Exception {
        processes = new MurderProcesses(tmp.resolve("logs"));
        trackerPort = MurderProcesses.freePort();
        trackerUrl = "http://127.0.0.1:" + trackerPort;
        auth = TestAuth.create(tmp.resolve("auth"));
        deployerToken = auth.deployerTokens(); // a token file of one token is also a client's token file
        client = new TrackerClient(TrackerUrls.parse(trackerUrl), auth.deployer());
        tracker = startTracker("tracker");
        key = KeyFiles.generate(tmp.resolve("keys/release"));
        // agent 1's token made by the CLI, as an operator would; the others' by the same derivation in this JVM
        assertThat(processes.run("token-agent-1", 60, "token", "agent", "--host", "e2e-1", "--agent-secrets",
                auth.agentSecrets().toString(), "--out", agentToken(1).toString())).isZero();
        for (int i = 2; i <= AGENTS; i++) {
            SecretFiles.writeNew(agentToken(i), auth.agentToken("e2e-" + i));
        }
        for (int i = 1; i <= AGENTS; i++) {
            processes.start("agent-" + i, "agent", "--tracker", trackerUrl, "--host", "e2e-" + i, "--tags", "e2e",
                    "--deploy-root", deployRoot(i).toString(), "--data-dir", tmp.resolve("agent-" + i + "/data")
                            .toString(), "--port", "0", "--token-file", agentToken(i).toString(),
                    "--trust", key.publicKey().toString());
        }
        try {
            // generous: 6 JVMs start at once on a loaded 2-core machine
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> client.status().agents().stream().filter(AgentInfo::alive).count() == AGENTS);
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (int i = 1; i <= AGENTS; i++) {
                String err = processes.stderr("agent-" + i);
                logs.append("\nagent-").append(i).append(": ").append(err.substring(Math.max(0, err.length() - 600)));
            }
            throw new AssertionError("not all agents heartbeat in time; their logs end with:" + logs, e);
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        processes.close();
    }

    @Test
    void deploysToEveryAgentAndPrintsTheSummary() throws Exception {
        Path build = SampleRelease.generate(tmp.resolve("build-1"), 20_000_000L, 11);

        int code = processes.run("deploy-1", 300, "deploy", build.toString(), "--tracker", trackerUrl,
                "--release", "e2e-1", "--tag", "e2e", "--timeout", "4m", "--token-file", deployerToken.toString(), "--key",
                key.privateKey().toString());

        String out = processes.stdout("deploy-1");
        assertThat(code).as(out + processes.stderr("deploy-1")).isZero();
        assertThat(out).contains("deployment 1 of release e2e-1 to tag e2e: OK");
        Map<String, String> expected = TreeDigest.of(build);
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(out).containsPattern("e2e-" + i + "\\s+ACTIVE");
            Path current = deployRoot(i).resolve("current");
            assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("releases/e2e-1"));
            assertThat(TreeDigest.of(current.toRealPath())).isEqualTo(expected);
        }

        int statusCode = processes.run(Map.of("MURDER_TOKEN_FILE", deployerToken.toString()), "status", 60,
                "status", "--tracker", trackerUrl, "--json");
        assertThat(statusCode).isZero();
        JsonNode status = Json.MAPPER.readTree(processes.stdout("status"));
        assertThat(status.at("/releases/0/id").asText()).isEqualTo("e2e-1");
        assertThat(status.at("/deployments/0/hosts")).hasSize(AGENTS);
    }

    @Test
    void aTrackerKilledAndRestartedMidDeployStillLetsTheDeployFinish() throws Exception {
        Path build = SampleRelease.generate(tmp.resolve("build-2"), 60_000_000L, 12);
        Process deploy = processes.start("deploy-2", "deploy", build.toString(), "--tracker", trackerUrl,
                "--release", "e2e-2", "--tag", "e2e", "--timeout", "5m", "--json", "--token-file",
                deployerToken.toString(), "--key",
                key.privateKey().toString());

        // kill the tracker hard as soon as the deployment is under way
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.deployment(1).hosts().stream().anyMatch(h -> h.state() != HostPhase.PENDING));
        tracker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        tracker = startTracker("tracker-restarted");

        assertThat(deploy.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String out = processes.stdout("deploy-2");
        assertThat(deploy.exitValue()).as(out + processes.stderr("deploy-2")).isZero();
        JsonNode summary = Json.MAPPER.readTree(out);
        assertThat(summary.get("ok").asBoolean()).isTrue();
        assertThat(summary.get("hosts")).hasSize(AGENTS)
                .allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("ACTIVE"));
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(Files.readSymbolicLink(deployRoot(i).resolve("current"))).isEqualTo(Path.of("releases/e2e-2"));
        }
    }

    @Test
    void badInputGivesClearMessagesAndNonZeroExits() throws Exception {
        int missing = processes.run("missing", 60, "deploy", tmp.resolve("nope").toString(), "--tracker",
                trackerUrl, "--release", "r1", "--tag", "e2e", "--token-file", deployerToken.toString(), "--key",
                key.privateKey().toString());
        assertThat(missing).isEqualTo(2);
        assertThat(processes.stderr("missing")).contains("no such file or directory");

        Path build = SampleRelease.generate(tmp.resolve("build-3"), 1_000L, 13);
        int badId = processes.run("bad-id", 60, "deploy", build.toString(), "--tracker", trackerUrl,
                "--release", "no/slashes", "--tag", "e2e", "--token-file", deployerToken.toString(), "--key",
                key.privateKey().toString());
        assertThat(badId).isEqualTo(2);
        assertThat(processes.stderr("bad-id")).contains("invalid release id 'no/slashes'");

        int noAgents = processes.run(Map.of("MURDER_TOKEN", auth.deployerToken()), "no-agents", 60, "deploy",
                build.toString(), "--tracker", trackerUrl, "--release", "r1", "--tag", "nobody-has-this", "--key",
                key.privateKey().toString());
        assertThat(noAgents).isEqualTo(2);
        assertThat(processes.stderr("no-agents")).contains("no live agent has tag nobody-has-this");

        int unreachable = processes.run("unreachable", 60, "deploy", build.toString(), "--tracker",
                "http://127.0.0.1:" + MurderProcesses.freePort(), "--release", "r1", "--tag", "e2e", "--key",
                key.privateKey().toString());
        assertThat(unreachable).isEqualTo(3);
        assertThat(processes.stderr("unreachable")).contains("cannot reach the tracker");
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(deployRoot(i).resolve("current")).doesNotExist();
        }
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedAndNothingIsDeployed() throws Exception {
        Path build = SampleRelease.generate(tmp.resolve("build-4"), 1_000L, 14);

        int agentToken = processes.run("deploy-as-agent", 120, "deploy", build.toString(), "--tracker", trackerUrl,
                "--release", "sneaky", "--tag", "e2e", "--token-file", agentToken(1).toString(), "--key",
                key.privateKey().toString());
        assertThat(agentToken).as(processes.stderr("deploy-as-agent")).isEqualTo(2);
        // an agent token is no deployer token (and the tracker accepts it only from the agent naming its host)
        assertThat(processes.stderr("deploy-as-agent")).contains("HTTP 401").contains("not accepted")
                .contains("not one of the tracker's deployer tokens").contains("--token-file")
                .doesNotContain("Exception");

        int noToken = processes.run("status-no-token", 60, "status", "--tracker", trackerUrl);
        assertThat(noToken).isEqualTo(2);
        assertThat(processes.stderr("status-no-token")).contains("HTTP 401").contains("requires a token")
                .contains("no token was sent").doesNotContain("Exception");

        assertThat(client.status().releases()).isEmpty();
        assertThat(client.status().deployments()).isEmpty();
        for (int i = 1; i <= AGENTS; i++) {
            assertThat(deployRoot(i).resolve("current")).doesNotExist();
        }
    }

    private Process startTracker(String logName) throws Exception {
        Process process = processes.start(logName, "tracker", "--port", String.valueOf(trackerPort), "--bind",
                "127.0.0.1", "--data-dir", tmp.resolve("tracker").toString(), "--deployer-tokens",
                auth.deployerTokens().toString(), "--agent-secrets", auth.agentSecrets().toString());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.status() != null);
        return process;
    }

    private Path agentToken(int i) {
        return tmp.resolve("e2e-" + i + ".token");
    }

    private Path deployRoot(int i) {
        return tmp.resolve("agent-" + i + "/deploy");
    }
}
