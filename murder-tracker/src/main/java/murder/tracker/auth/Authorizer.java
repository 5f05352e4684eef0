package murder.tracker.auth;

import murder.core.MurderException;

/** Decides, per route, whether a request's credentials may use it. The router calls it before every service. */
public interface Authorizer {

    /**
     * Returns normally when allowed; otherwise throws a {@link MurderException} of kind UNAUTHORIZED (no or unknown
     * token: 401) or FORBIDDEN (a valid token whose role or host does not fit: 403), saying what to use instead.
     */
    void check(Credentials credentials, Access required);

    /** A tracker run with --no-auth: everything is allowed. */
    static Authorizer open() {
        return (credentials, required) -> { };
    }
}
