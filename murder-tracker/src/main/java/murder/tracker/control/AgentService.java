package murder.tracker.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.Names;
import murder.core.api.AgentHeartbeat;
import murder.core.api.AgentInfo;
import murder.tracker.store.AgentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents and their liveness: alive while the last heartbeat is younger than the agent timeout.
 *
 * <p>Every agent heartbeats every 2 s, and almost every heartbeat only says "still here". So the agents live in
 * memory (loaded from the store at start); a heartbeat that changes tags, port or active release is written at
 * once, one that only moves {@code lastSeen} is written by {@link #flushLastSeen}, in one batch, which the sweeper
 * calls every few seconds (and the daemon on close). A crash loses at most that much of last-seen times.
 */
public final class AgentService {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    private final AgentStore store;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, AgentStore.Row> agents = new ConcurrentHashMap<>();
    private final Set<String> unflushed = ConcurrentHashMap.newKeySet();

    public AgentService(AgentStore store, Clock clock, Duration timeout) {
        this.store = store;
        this.clock = clock;
        this.timeout = timeout;
        store.all().forEach(row -> agents.put(row.host(), row));
    }

    public void heartbeat(String host, AgentHeartbeat heartbeat) {
        Names.requireHost(host);
        if (heartbeat == null) {
            throw MurderException.badInput("heartbeat of " + host + " has no body");
        }
        if (heartbeat.tags() != null) {
            heartbeat.tags().forEach(Names::requireTag); // before the copy, which throws a bare NPE on a null tag
        }
        List<String> tags = heartbeat.tags() == null ? List.of() : List.copyOf(heartbeat.tags());
        if (heartbeat.btPort() < 0 || heartbeat.btPort() > 65535) {
            throw MurderException.badInput("heartbeat of " + host + " has an invalid btPort " + heartbeat.btPort());
        }
        if (heartbeat.activeRelease() != null) {
            Names.requireReleaseId(heartbeat.activeRelease());
        }
        Instant now = clock.instant();
        AgentStore.Row row = new AgentStore.Row(host, tags, heartbeat.btPort(), heartbeat.activeRelease(), now);
        AgentStore.Row previous = agents.put(host, row);
        if (previous != null && onlyLastSeenDiffers(previous, row.btPort(), row.tags(), row.activeRelease())) {
            unflushed.add(host);
        } else {
            store.put(row);
        }
        if (previous == null) {
            log.info("agent {} registered (tags {}, bt port {})", host, tags, heartbeat.btPort());
        } else if (!isAlive(previous.lastSeen())) {
            log.info("agent {} is back (tags {}, last seen {})", host, tags, previous.lastSeen());
        } else if (!previous.tags().equals(tags)) {
            log.info("agent {} changed its tags to {}", host, tags);
        }
    }

    /**
     * A sign of life other than a heartbeat (a state report): moves a known agent's last-seen time, written with the
     * next batch. An agent the tracker does not know yet is left to register with its first heartbeat.
     */
    public void seen(String host) {
        Instant now = clock.instant();
        AgentStore.Row[] before = new AgentStore.Row[1];
        AgentStore.Row moved = agents.computeIfPresent(host, (h, row) -> {
            before[0] = row;
            return row.lastSeen().isBefore(now)
                    ? new AgentStore.Row(row.host(), row.tags(), row.btPort(), row.activeRelease(), now) : row;
        });
        if (moved == null) {
            return;
        }
        unflushed.add(host);
        if (!isAlive(before[0].lastSeen())) {
            // its next heartbeat finds it alive, so this is the only place the return can be logged
            log.info("agent {} is back (a state report; tags {}, last seen {})", host, moved.tags(),
                    before[0].lastSeen());
        }
    }

    /** True if {@code heartbeat} from a known agent would only move its last-seen time: no store access then. */
    public boolean onlyMovesLastSeen(String host, AgentHeartbeat heartbeat) {
        AgentStore.Row known = agents.get(host);
        return known != null && heartbeat != null && onlyLastSeenDiffers(known, heartbeat.btPort(),
                heartbeat.tags() == null ? List.of() : heartbeat.tags(), heartbeat.activeRelease());
    }

    /** Writes the last-seen times that only live in memory; returns how many. */
    public int flushLastSeen() {
        List<AgentStore.Row> rows = new ArrayList<>();
        for (String host : List.copyOf(unflushed)) {
            unflushed.remove(host);
            AgentStore.Row row = agents.get(host);
            if (row != null) {
                rows.add(row);
            }
        }
        store.putAll(rows);
        return rows.size();
    }

    /** Deregisters the agents whose last heartbeat is older than {@code cutoff}; returns their host names. */
    public List<String> expire(Instant cutoff) {
        flushLastSeen();
        List<String> removed = store.deleteNotSeenSince(cutoff);
        for (String host : removed) {
            AgentStore.Row kept = agents.computeIfPresent(host, (h, row) -> row.lastSeen().isBefore(cutoff) ? null : row);
            if (kept != null) {
                unflushed.add(host); // a heartbeat came in meanwhile: write the agent back
            }
        }
        return removed;
    }

    public List<AgentInfo> list() {
        return agents.values().stream().sorted(Comparator.comparing(AgentStore.Row::host)).map(this::info).toList();
    }

    public Optional<AgentInfo> find(String host) {
        return Optional.ofNullable(agents.get(host)).map(this::info);
    }

    /** The agent, or NOT_FOUND for a host that never sent a heartbeat. */
    public AgentInfo require(String host) {
        Names.requireHost(host);
        return find(host).orElseThrow(() -> new MurderException(Kind.NOT_FOUND, "unknown agent " + host
                + ": it has never sent a heartbeat (is `murder agent` running there with this tracker?)"));
    }

    /** Host names of the live agents that have {@code tag}, sorted. */
    public List<String> liveHostsWithTag(String tag) {
        return agents.values().stream()
                .filter(a -> a.tags().contains(tag) && isAlive(a.lastSeen()))
                .map(AgentStore.Row::host)
                .sorted()
                .toList();
    }

    boolean isAlive(Instant lastSeen) {
        return lastSeen != null && Duration.between(lastSeen, clock.instant()).compareTo(timeout) < 0;
    }

    /** The agent would only move its {@code lastSeen}: nothing worth an immediate write. */
    private static boolean onlyLastSeenDiffers(AgentStore.Row known, int btPort, List<String> tags,
            String activeRelease) {
        return known.btPort() == btPort && known.tags().equals(tags)
                && Objects.equals(known.activeRelease(), activeRelease);
    }

    private AgentInfo info(AgentStore.Row row) {
        return new AgentInfo(row.host(), row.tags(), row.btPort(), row.activeRelease(), row.lastSeen(),
                isAlive(row.lastSeen()));
    }
}
