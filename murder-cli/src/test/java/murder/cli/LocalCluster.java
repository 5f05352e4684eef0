package murder.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import murder.cli.demo.AgentWait;
import murder.cli.deploy.DeploySigning;
import murder.core.bt.BtSettings;
import murder.core.client.CaTrust;
import murder.core.client.TrackerClient;
import murder.core.trust.KeyFiles;
import murder.core.trust.StatementSigner;
import murder.core.trust.TrustPolicy;
import murder.core.trust.TrustedKeys;
import murder.core.testing.TestAuth;
import murder.core.testing.TestCertificates;
import murder.peer.AgentConfig;
import murder.peer.AgentDaemon;
import murder.tracker.TrackerConfig;
import murder.tracker.TrackerDaemon;
import murder.tracker.auth.AuthSettings;
import murder.tracker.http.TlsFiles;

/** A tracker and N agents in this JVM on 127.0.0.1, each agent with its own deploy root and data dir under root. */
final class LocalCluster implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final Path root;
    final TestAuth auth;
    final TrackerDaemon tracker;
    final TrackerClient client;
    final List<AgentDaemon> agents = new ArrayList<>();
    /** The release host's key: every agent trusts it, {@link #signing()} signs with it. */
    final KeyFiles.Written key;

    LocalCluster(Path root, int agentCount, String tag) {
        this(root, agentCount, tag, false);
    }

    /** @param https serve the tracker over https with a certificate from a test CA that every client trusts */
    LocalCluster(Path root, int agentCount, String tag, boolean https) {
        this.root = root;
        TestCertificates certs = https ? TestCertificates.create(root.resolve("tls")) : null;
        TestAuth tokens = TestAuth.create(root.resolve("auth"));
        this.auth = https ? tokens.withTls(CaTrust.fromPem(certs.caCert())) : tokens;
        this.tracker = TrackerDaemon.start(TrackerConfig.defaults(root.resolve("tracker"))
                .withBindAddress(LOOPBACK.getHostAddress()).withPort(0)
                .withAuth(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets()))
                .withTls(https ? new TlsFiles(certs.trackerCert(), certs.trackerKey()) : null));
        this.client = new TrackerClient(tracker.url(), auth.deployer());
        this.key = KeyFiles.generate(root.resolve("keys/release"));
        for (int i = 1; i <= agentCount; i++) {
            addAgent("agent-" + i, tag, deployRoot("agent-" + i));
        }
        AgentWait.untilAlive(client, agentCount, Duration.ofSeconds(30));
    }

    AgentDaemon addAgent(String host, String tag, Path deployRoot) {
        AgentDaemon agent = AgentDaemon.start(AgentConfig.of(tracker.url(), host, List.of(tag), deployRoot,
                root.resolve(host).resolve("data"), new BtSettings(LOOPBACK, 0))
                .withTrust(TrustPolicy.signedBy(TrustedKeys.load(List.of(key.publicKey()))))
                .withTrackerAccess(auth.agent(host)));
        agents.add(agent);
        return agent;
    }

    DeploySigning signing() {
        return DeploySigning.with(StatementSigner.load(key.privateKey()), false);
    }

    Path deployRoot(String host) {
        return root.resolve(host).resolve("deploy");
    }

    @Override
    public void close() throws Exception {
        for (int i = agents.size() - 1; i >= 0; i--) {
            agents.get(i).close();
        }
        tracker.close();
    }
}
