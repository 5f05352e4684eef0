package murder.tracker.auth;

import java.nio.file.Path;
import java.util.List;
import murder.core.MurderException;
import murder.core.auth.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the tracker authenticates its control API.
 *
 * @param deployerTokens file of deployer tokens, or null
 * @param agentSecrets   file of agent secrets, or null
 * @param openReads      reads (status, releases, deployments, agents, torrents) need no token
 * @param noAuth         lab only: no checks at all
 */
public record AuthSettings(Path deployerTokens, Path agentSecrets, boolean openReads, boolean noAuth) {

    private static final Logger log = LoggerFactory.getLogger(AuthSettings.class);

    /** The default: nothing configured, which {@link #authorizer()} refuses. */
    public static final AuthSettings UNSET = new AuthSettings(null, null, false, false);
    public static final AuthSettings NO_AUTH = new AuthSettings(null, null, false, true);

    public static AuthSettings tokens(Path deployerTokens, Path agentSecrets) {
        return new AuthSettings(deployerTokens, agentSecrets, false, false);
    }

    public AuthSettings withOpenReads(boolean value) {
        return new AuthSettings(deployerTokens, agentSecrets, value, noAuth);
    }

    /** Reads the files (once, at start) into an authorizer; refuses a tracker that would run open by accident. */
    public Authorizer authorizer() {
        boolean files = deployerTokens != null || agentSecrets != null;
        if (noAuth) {
            if (files || openReads) {
                throw MurderException.badInput("--no-auth turns authentication off; it cannot be combined with "
                        + "--deployer-tokens, --agent-secrets or --open-reads");
            }
            log.warn("authentication is OFF (--no-auth): anyone who reaches this tracker can deploy, and pose as "
                    + "any agent; use this only in a lab");
            return Authorizer.open();
        }
        if (!files) {
            throw MurderException.badInput("the tracker needs tokens for its control API: create them with\n"
                    + "  murder token new --out /etc/murder/deployer-tokens   (give this token to whoever deploys)\n"
                    + "  murder token new --out /etc/murder/agent-secrets     (then per host: murder token agent "
                    + "--host H --agent-secrets /etc/murder/agent-secrets --out H.token)\n"
                    + "and start with --deployer-tokens FILE --agent-secrets FILE (or --no-auth in a lab)");
        }
        TokenSet deployers = new TokenSet(deployerTokens == null ? List.of()
                : SecretFiles.readAll(deployerTokens, "deployer tokens"));
        AgentSecrets agents = new AgentSecrets(agentSecrets == null ? List.of()
                : SecretFiles.readAll(agentSecrets, "agent secrets"));
        log.info("authentication on: {} deployer token(s), {} agent secret(s){}", deployers.size(), agents.size(),
                openReads ? ", reads open to all (--open-reads)" : "");
        return new TokenAuthorizer(deployers, agents, openReads);
    }
}
