package murder.tracker.auth;

/**
 * What a route requires.
 *
 * @param level what kind of caller may use it
 * @param host  for {@link Level#AGENT}: the host in the path, the only one whose agent token is accepted
 */
public record Access(Level level, String host) {

    public enum Level {
        /** BitTorrent announce and scrape: they only hand out peers of registered releases. */
        PUBLIC,
        /** Reads of the control API: any valid token (or none with --open-reads). */
        READ,
        /** Registering releases and creating deployments. */
        DEPLOYER,
        /** Heartbeats, the long-poll and reports of one host. */
        AGENT
    }

    public static final Access PUBLIC = new Access(Level.PUBLIC, null);
    public static final Access READ = new Access(Level.READ, null);
    public static final Access DEPLOYER = new Access(Level.DEPLOYER, null);

    public static Access agent(String host) {
        return new Access(Level.AGENT, host);
    }
}
