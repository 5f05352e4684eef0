package murder.core.client;

import javax.net.ssl.SSLContext;

/**
 * How a client proves who it is to the tracker and which tracker certificates it trusts.
 *
 * @param token     sent as {@code Authorization: Bearer <token>}; null sends none (a tracker run with --no-auth)
 * @param agentHost the host an agent token belongs to, sent as {@value #AGENT_HEADER} so the tracker knows which
 *                  host's token to recompute; null for deployer tokens
 * @param tls       trust for an https tracker (a CA file's certificates); null trusts the system's trust store
 */
public record TrackerAccess(String token, String agentHost, SSLContext tls) {

    public static final String AGENT_HEADER = "X-Murder-Agent";
    public static final TrackerAccess NONE = new TrackerAccess(null, null, null);

    /** The same credentials, presented as the agent token of {@code host}. */
    public TrackerAccess asAgent(String host) {
        return new TrackerAccess(token, host, tls);
    }

    @Override
    public String toString() {
        return "TrackerAccess[token " + (token == null ? "none" : "given") + ", agent " + agentHost + ", tls "
                + (tls == null ? "system trust" : "CA file") + "]";
    }
}
