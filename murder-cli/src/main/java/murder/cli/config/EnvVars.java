package murder.cli.config;

import java.util.Map;

/**
 * The environment variables that stand in for options. A short list on purpose: variables leak into child
 * processes and shells, so only settings that are per host or per user get one. Option names without dashes.
 */
final class EnvVars {

    /** Names a settings file to read instead of the command's default one. */
    static final String CONFIG = "MURDER_CONFIG";

    private static final Map<String, String> BY_OPTION = Map.of(
            "tracker", "MURDER_TRACKER",
            "token-file", "MURDER_TOKEN_FILE",
            "ca-file", "MURDER_CA_FILE",
            "key", "MURDER_SIGNING_KEY",
            "tags", "MURDER_TAGS",
            "deploy-root", "MURDER_DEPLOY_ROOT",
            "deployer-tokens", "MURDER_DEPLOYER_TOKENS",
            "agent-secrets", "MURDER_AGENT_SECRETS",
            "swarm-engine", "MURDER_SWARM_ENGINE");

    private EnvVars() {
    }

    /** The variable for an option (by its name without dashes), or null if it has none. */
    static String of(String key) {
        return BY_OPTION.get(key);
    }
}
