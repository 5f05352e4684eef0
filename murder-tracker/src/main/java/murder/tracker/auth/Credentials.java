package murder.tracker.auth;

import java.util.Locale;

/**
 * What a request presented: the bearer token of its {@code Authorization} header and the host an agent says its
 * token belongs to ({@code X-Murder-Agent}). Either may be null.
 */
public record Credentials(String bearer, String agentHost) {

    public static final Credentials NONE = new Credentials(null, null);

    /** From the raw header values (null when absent); a malformed Authorization header counts as none. */
    public static Credentials fromHeaders(String authorization, String agentHost) {
        String bearer = null;
        if (authorization != null && authorization.length() > 7
                && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            bearer = authorization.substring(7).strip();
        }
        return new Credentials(bearer == null || bearer.isEmpty() ? null : bearer,
                agentHost == null || agentHost.isBlank() ? null : agentHost.strip());
    }

    @Override
    public String toString() {
        return "Credentials[token " + (bearer == null ? "none" : "given") + ", agent " + agentHost + "]";
    }
}
