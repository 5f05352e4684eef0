package murder.tracker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import murder.tracker.auth.AuthSettings;
import murder.tracker.http.ConnectionLimits;
import murder.tracker.http.TlsFiles;

/**
 * Everything the tracker daemon needs to start. Defaults live here and only here; the CLI overrides what the
 * operator set.
 *
 * @param bindAddress      address to listen on (an IP literal or host name)
 * @param port             TCP port; 0 picks a free one (read it back with {@link TrackerDaemon#port()})
 * @param dataDir          where {@code tracker.db} lives
 * @param trustPeerIp      take a peer's address from the announce's {@code ip} parameter instead of the connection
 * @param announceInterval the {@code interval} and {@code min interval} told to BitTorrent clients (whole seconds)
 * @param peerTimeout      the least time a peer that stopped announcing stays in its swarm; one that announces less
 *                         often (libtorrent: every 300 s) stays twice its own interval, up to 10 min
 * @param agentTimeout     an agent is alive while its last heartbeat or report is younger than this
 * @param limits           connection caps, request deadline, idle timeout, worker queue and header sizes
 * @param deploymentTimeout the deadline of a deployment whose request names none; targets not settled by then are
 *                         marked FAILED
 * @param agentExpiry      an agent not seen for this long is deregistered (it registers again with its next heartbeat)
 * @param keepDeployments  deployments kept per tag (the newest ones); older ones and their host states are deleted
 * @param auth             tokens for the control API; the default ({@link AuthSettings#UNSET}) makes start refuse
 * @param tls              certificate and key to serve https, or null for plain http
 */
public record TrackerConfig(String bindAddress, int port, Path dataDir, boolean trustPeerIp,
                            Duration announceInterval, Duration peerTimeout, Duration agentTimeout,
                            ConnectionLimits limits, Duration deploymentTimeout, Duration agentExpiry,
                            int keepDeployments, AuthSettings auth, TlsFiles tls) {

    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_PORT = 7070;
    public static final Duration DEFAULT_ANNOUNCE_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DEPLOYMENT_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_AGENT_EXPIRY = Duration.ofHours(24);
    public static final int DEFAULT_KEEP_DEPLOYMENTS = 100;

    public TrackerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        // bencoded intervals are whole seconds, so anything shorter than 1 s cannot be told to clients
        if (announceInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("announceInterval must be at least 1 s, got " + announceInterval);
        }
        requirePositive("peerTimeout", peerTimeout);
        requirePositive("agentTimeout", agentTimeout);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auth, "auth");
        // whole seconds on the wire; an expiry within the alive window would drop agents that are alive
        if (deploymentTimeout == null || deploymentTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("deploymentTimeout must be at least 1 s, got " + deploymentTimeout);
        }
        if (agentExpiry == null || agentExpiry.compareTo(agentTimeout) <= 0) {
            throw new IllegalArgumentException("agentExpiry must be longer than agentTimeout (" + agentTimeout
                    + "), got " + agentExpiry);
        }
        if (keepDeployments < 1) {
            throw new IllegalArgumentException("keepDeployments must be at least 1, got " + keepDeployments);
        }
    }

    /** The defaults, with the one thing that has none: where to keep the data. */
    public static TrackerConfig defaults(Path dataDir) {
        return new TrackerConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, dataDir, false, DEFAULT_ANNOUNCE_INTERVAL,
                DEFAULT_PEER_TIMEOUT, DEFAULT_AGENT_TIMEOUT, ConnectionLimits.defaults(),
                DEFAULT_DEPLOYMENT_TIMEOUT, DEFAULT_AGENT_EXPIRY, DEFAULT_KEEP_DEPLOYMENTS,
                AuthSettings.UNSET, null);
    }

    public TrackerConfig withBindAddress(String value) {
        return new TrackerConfig(value, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout, limits,
                deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withPort(int value) {
        return new TrackerConfig(bindAddress, value, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                limits, deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withTrustPeerIp(boolean value) {
        return new TrackerConfig(bindAddress, port, dataDir, value, announceInterval, peerTimeout, agentTimeout, limits,
                deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withAnnounceInterval(Duration value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, value, peerTimeout, agentTimeout, limits,
                deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withPeerTimeout(Duration value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, value, agentTimeout, limits,
                deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withAgentTimeout(Duration value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, value, limits,
                deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withLimits(ConnectionLimits value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                value, deploymentTimeout, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withDeploymentTimeout(Duration value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                limits, value, agentExpiry, keepDeployments, auth, tls);
    }

    public TrackerConfig withAgentExpiry(Duration value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                limits, deploymentTimeout, value, keepDeployments, auth, tls);
    }

    public TrackerConfig withKeepDeployments(int value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                limits, deploymentTimeout, agentExpiry, value, auth, tls);
    }

    public TrackerConfig withAuth(AuthSettings value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                limits, deploymentTimeout, agentExpiry, keepDeployments, value, tls);
    }

    /** @param value certificate and key for https, or null for plain http */
    public TrackerConfig withTls(TlsFiles value) {
        return new TrackerConfig(bindAddress, port, dataDir, trustPeerIp, announceInterval, peerTimeout, agentTimeout,
                limits, deploymentTimeout, agentExpiry, keepDeployments, auth, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
