package murder.tracker.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.List;
import murder.core.Names;
import murder.core.auth.AgentTokens;

/**
 * The agent secrets: a token is host H's agent token if it is {@link AgentTokens#forHost} of H under any listed
 * secret. The tracker recomputes it per request, so it keeps no list of hosts or tokens; adding a secret, re-issuing
 * the agents' tokens and removing the old secret rotates them.
 */
public final class AgentSecrets {

    private final List<String> secrets;

    public AgentSecrets(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public boolean isTokenOf(String host, String presented) {
        if (!Names.isValid(host)) {
            return false;
        }
        byte[] bytes = presented.getBytes(UTF_8);
        boolean found = false;
        for (String secret : secrets) {
            found |= MessageDigest.isEqual(AgentTokens.forHost(secret, host).getBytes(UTF_8), bytes);
        }
        return found;
    }

    public int size() {
        return secrets.size();
    }
}
