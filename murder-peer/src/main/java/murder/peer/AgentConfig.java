package murder.peer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import murder.core.MurderException;
import murder.core.Names;
import murder.core.bt.BtSettings;
import murder.core.client.TrackerAccess;
import murder.core.tarball.UnpackLimits;
import murder.core.trust.TrustPolicy;
import murder.peer.hooks.Hooks;

/**
 * Everything an agent needs, validated once. The defaults live here only: {@link #of} applies them, and a null
 * duration falls back to them.
 *
 * @param trackerUrl the tracker's control API, e.g. {@code http://tracker:7070}
 * @param host this agent's name at the tracker (a valid name, usually the host name)
 * @param tags the deployment groups this host belongs to (at least one)
 * @param deployRoot where {@code releases/} and the {@code current} symlink live
 * @param dataDir the agent's own state: downloads, cached torrents, {@code agent-state.json}
 * @param bt the BitTorrent address and port (0 picks a free one)
 * @param heartbeatInterval how often to tell the tracker this agent is alive
 * @param longPollWait how long one "what should I run?" request may wait (the tracker caps it at 60 s)
 * @param keepReleases how many unpacked releases to keep (the active one is always kept)
 * @param trust whose signed deployments to accept (default: nobody, and {@link AgentDaemon} refuses to start so)
 * @param unpackLimits what one release tarball may unpack to (null: {@link UnpackLimits#defaults()})
 * @param trackerAccess this agent's token and the tracker's CA, for the control API and the https announce;
 *                      null means none ({@link TrackerAccess#NONE}: a tracker run with --no-auth)
 * @param stallTimeout how long a download may go without progress before it ends FAILED
 * @param metricsAddress where to serve {@code /metrics} and {@code /health}, or null for nowhere (the default)
 * @param hooks the operator's commands after staging and after activation (null: none)
 */
public record AgentConfig(URI trackerUrl, String host, List<String> tags, Path deployRoot, Path dataDir,
                          BtSettings bt, Duration heartbeatInterval, Duration longPollWait, int keepReleases,
                          TrustPolicy trust, UnpackLimits unpackLimits, TrackerAccess trackerAccess,
                          Duration stallTimeout, InetSocketAddress metricsAddress, Hooks hooks) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LONG_POLL_WAIT = Duration.ofSeconds(20);
    public static final int DEFAULT_KEEP_RELEASES = 5;
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_LONG_POLL_WAIT = Duration.ofSeconds(60);

    public AgentConfig {
        Objects.requireNonNull(trackerUrl, "trackerUrl");
        Objects.requireNonNull(bt, "bt");
        Objects.requireNonNull(bt.address(), "bt.address");
        Names.requireHost(host);
        if (tags == null || tags.isEmpty()) {
            throw MurderException.badInput("agent " + host + " has no tags: give it at least one (e.g. --tag web) "
                    + "so deployments can target it");
        }
        tags = List.copyOf(tags);
        tags.forEach(Names::requireTag);
        deployRoot = Objects.requireNonNull(deployRoot, "deployRoot").toAbsolutePath().normalize();
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        if (deployRoot.equals(dataDir)) {
            throw MurderException.badInput("deploy root and data dir are both " + deployRoot
                    + ": give the agent's data its own directory (e.g. /var/lib/murder)");
        }
        heartbeatInterval = positive("heartbeat interval", heartbeatInterval, DEFAULT_HEARTBEAT_INTERVAL);
        longPollWait = positive("long-poll wait", longPollWait, DEFAULT_LONG_POLL_WAIT);
        if (longPollWait.compareTo(MAX_LONG_POLL_WAIT) > 0) {
            longPollWait = MAX_LONG_POLL_WAIT;
        }
        if (keepReleases < 1) {
            throw MurderException.badInput("keep releases must be at least 1 (the active one), got " + keepReleases);
        }
        trust = trust == null ? TrustPolicy.nothing() : trust;
        unpackLimits = unpackLimits == null ? UnpackLimits.defaults() : unpackLimits;
        trackerAccess = trackerAccess == null ? TrackerAccess.NONE : trackerAccess.asAgent(host);
        stallTimeout = positive("stall timeout", stallTimeout, DEFAULT_STALL_TIMEOUT);
        hooks = hooks == null ? Hooks.none() : hooks;
        if (bt.port() < 0 || bt.port() > 65535) {
            throw MurderException.badInput("BitTorrent port " + bt.port() + " is not a port (0-65535)");
        }
    }

    /** Without a metrics address: metrics are served nowhere. */
    public AgentConfig(URI trackerUrl, String host, List<String> tags, Path deployRoot, Path dataDir, BtSettings bt,
                       Duration heartbeatInterval, Duration longPollWait, int keepReleases, TrustPolicy trust,
                       UnpackLimits unpackLimits, TrackerAccess trackerAccess, Duration stallTimeout) {
        this(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait, keepReleases, trust,
                unpackLimits, trackerAccess, stallTimeout, null, null);
    }

    /** A config with the default heartbeat interval, long-poll wait and retention, trusting no signing key yet. */
    public static AgentConfig of(URI trackerUrl, String host, List<String> tags, Path deployRoot, Path dataDir,
                                 BtSettings bt) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_LONG_POLL_WAIT, DEFAULT_KEEP_RELEASES, TrustPolicy.nothing(),
                UnpackLimits.defaults(), TrackerAccess.NONE, DEFAULT_STALL_TIMEOUT, null, null);
    }

    public AgentConfig withHeartbeatInterval(Duration interval) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, interval, longPollWait, keepReleases,
                trust, unpackLimits, trackerAccess, stallTimeout, metricsAddress, hooks);
    }

    public AgentConfig withLongPollWait(Duration wait) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, wait, keepReleases,
                trust, unpackLimits, trackerAccess, stallTimeout, metricsAddress, hooks);
    }

    public AgentConfig withKeepReleases(int keep) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait, keep,
                trust, unpackLimits, trackerAccess, stallTimeout, metricsAddress, hooks);
    }

    public AgentConfig withTrust(TrustPolicy policy) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait,
                keepReleases, policy, unpackLimits, trackerAccess, stallTimeout, metricsAddress, hooks);
    }

    public AgentConfig withUnpackLimits(UnpackLimits limits) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait,
                keepReleases, trust, limits, trackerAccess, stallTimeout, metricsAddress, hooks);
    }

    /** The agent token of this host (read once at start) and the CA that signed the tracker's certificate. */
    public AgentConfig withTrackerAccess(TrackerAccess access) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait,
                keepReleases, trust, unpackLimits, access, stallTimeout, metricsAddress, hooks);
    }

    private static Duration positive(String what, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw MurderException.badInput(what + " must be positive, got " + value);
        }
        return value;
    }

    public AgentConfig withStallTimeout(Duration timeout) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait,
                keepReleases, trust, unpackLimits, trackerAccess, timeout, metricsAddress, hooks);
    }

    public AgentConfig withHooks(Hooks next) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait,
                keepReleases, trust, unpackLimits, trackerAccess, stallTimeout, metricsAddress, next);
    }

    /** @param address where to serve the agent's {@code /metrics} and {@code /health}; null: nowhere */
    public AgentConfig withMetricsAddress(InetSocketAddress address) {
        return new AgentConfig(trackerUrl, host, tags, deployRoot, dataDir, bt, heartbeatInterval, longPollWait,
                keepReleases, trust, unpackLimits, trackerAccess, stallTimeout, address, hooks);
    }
}
