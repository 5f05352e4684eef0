package murder.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import murder.core.auth.AgentTokens;
import murder.core.auth.SecretFiles;
import murder.core.client.TrackerAccess;

/**
 * A tracker's token files for tests (mode 0600, as the tracker requires): one deployer token and one agent secret,
 * with the credentials clients present.
 */
public final class TestAuth {

    private final Path deployerTokens;
    private final Path agentSecrets;
    private final String deployerToken;
    private final String agentSecret;
    private final SSLContext tls;

    private TestAuth(Path deployerTokens, Path agentSecrets, String deployerToken, String agentSecret, SSLContext tls) {
        this.deployerTokens = deployerTokens;
        this.agentSecrets = agentSecrets;
        this.deployerToken = deployerToken;
        this.agentSecret = agentSecret;
        this.tls = tls;
    }

    /** Writes {@code deployer-tokens} and {@code agent-secrets} into {@code dir}. */
    public static TestAuth create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String deployer = AgentTokens.random();
        String secret = AgentTokens.random();
        Path deployers = dir.resolve("deployer-tokens");
        Path secrets = dir.resolve("agent-secrets");
        SecretFiles.writeNew(deployers, deployer);
        SecretFiles.writeNew(secrets, secret);
        return new TestAuth(deployers, secrets, deployer, secret, null);
    }

    /** The same tokens, with clients trusting {@code tls} (a test CA). */
    public TestAuth withTls(SSLContext context) {
        return new TestAuth(deployerTokens, agentSecrets, deployerToken, agentSecret, context);
    }

    public Path deployerTokens() {
        return deployerTokens;
    }

    public Path agentSecrets() {
        return agentSecrets;
    }

    public String deployerToken() {
        return deployerToken;
    }

    public String agentToken(String host) {
        return AgentTokens.forHost(agentSecret, host);
    }

    public TrackerAccess deployer() {
        return new TrackerAccess(deployerToken, null, tls);
    }

    public TrackerAccess agent(String host) {
        return new TrackerAccess(agentToken(host), host, tls);
    }
}
