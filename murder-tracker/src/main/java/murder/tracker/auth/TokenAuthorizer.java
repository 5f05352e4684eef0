package murder.tracker.auth;

import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.client.TrackerAccess;
import murder.tracker.auth.Access.Level;

/**
 * Deployer tokens and agent tokens. A request is an agent of host H when its token is H's agent token; H is the
 * {@value TrackerAccess#AGENT_HEADER} header if sent, else the host in the path of an agent route. Otherwise a
 * token is a deployer's if it is listed. Reads take either role, or nothing with {@code openReads}.
 */
public final class TokenAuthorizer implements Authorizer {

    private final TokenSet deployers;
    private final AgentSecrets agents;
    private final boolean openReads;

    public TokenAuthorizer(TokenSet deployers, AgentSecrets agents, boolean openReads) {
        this.deployers = deployers;
        this.agents = agents;
        this.openReads = openReads;
    }

    @Override
    public void check(Credentials credentials, Access required) {
        if (required.level() == Level.PUBLIC || (required.level() == Level.READ && openReads)) {
            return;
        }
        Principal who = identify(credentials, required.host());
        if (who instanceof Principal.Anonymous) {
            throw new MurderException(Kind.UNAUTHORIZED, "this tracker requires a token: send "
                    + "'Authorization: Bearer <token>'; " + needed(required));
        }
        if (who instanceof Principal.Unknown) {
            throw new MurderException(Kind.UNAUTHORIZED, "the token is not accepted: it is not one of the tracker's "
                    + "deployer tokens" + (credentials.agentHost() != null || required.host() != null
                    ? " nor the agent token of host " + hostOf(credentials, required) + " under a current agent secret"
                    : " (an agent token is accepted only from its agent, which names its host)")
                    + "; " + needed(required));
        }
        switch (required.level()) {
            case READ -> { }
            case DEPLOYER -> {
                if (who instanceof Principal.Agent agent) {
                    throw new MurderException(Kind.FORBIDDEN, "the agent token of host " + agent.host()
                            + " may not register releases or create deployments; use a deployer token");
                }
            }
            case AGENT -> {
                if (who instanceof Principal.Deployer) {
                    throw new MurderException(Kind.FORBIDDEN, "a deployer token may not act as agent "
                            + required.host() + "; agents use their own token (`murder token agent --host "
                            + required.host() + "`)");
                }
                if (who instanceof Principal.Agent agent && !agent.host().equals(required.host())) {
                    throw new MurderException(Kind.FORBIDDEN, "the agent token of host " + agent.host()
                            + " may act only as " + agent.host() + ", not as " + required.host());
                }
            }
            default -> throw new IllegalStateException("unhandled access level " + required.level());
        }
    }

    private Principal identify(Credentials credentials, String pathHost) {
        String token = credentials.bearer();
        if (token == null) {
            return new Principal.Anonymous();
        }
        String host = credentials.agentHost() != null ? credentials.agentHost() : pathHost;
        if (host != null && agents.isTokenOf(host, token)) {
            return new Principal.Agent(host);
        }
        return deployers.contains(token) ? new Principal.Deployer() : new Principal.Unknown();
    }

    private static String hostOf(Credentials credentials, Access required) {
        return credentials.agentHost() != null ? credentials.agentHost() : required.host();
    }

    private static String needed(Access required) {
        return switch (required.level()) {
            case DEPLOYER -> "this needs a deployer token, from the tracker's --deployer-tokens file";
            case AGENT -> "this needs the agent token of host " + required.host() + ", made by `murder token agent "
                    + "--host " + required.host() + " --agent-secrets FILE`";
            default -> "reads take a deployer or an agent token";
        };
    }
}
