package murder.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.auth.AgentTokens;
import murder.core.auth.SecretFiles;
import murder.core.client.TrackerAccess;
import murder.tracker.auth.AuthSettings;

/** Throwaway credentials for the demo: a deployer token and an agent secret in the demo's temporary directory. */
final class DemoTokens {

    private final Path deployerTokens;
    private final Path agentSecrets;
    private final String deployerToken;
    private final String agentSecret;

    private DemoTokens(Path deployerTokens, Path agentSecrets, String deployerToken, String agentSecret) {
        this.deployerTokens = deployerTokens;
        this.agentSecrets = agentSecrets;
        this.deployerToken = deployerToken;
        this.agentSecret = agentSecret;
    }

    static DemoTokens create(Path dir) {
        Path deployers = dir.resolve("deployer-tokens");
        Path secrets = dir.resolve("agent-secrets");
        String deployer = AgentTokens.random();
        String secret = AgentTokens.random();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecretFiles.writeNew(deployers, deployer);
        SecretFiles.writeNew(secrets, secret);
        return new DemoTokens(deployers, secrets, deployer, secret);
    }

    AuthSettings settings() {
        return AuthSettings.tokens(deployerTokens, agentSecrets);
    }

    TrackerAccess deployer() {
        return new TrackerAccess(deployerToken, null, null);
    }

    TrackerAccess agent(String host) {
        return new TrackerAccess(AgentTokens.forHost(agentSecret, host), host, null);
    }
}
