package murder.tracker.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import murder.core.MurderException;
import murder.core.MurderException.Kind;
import murder.core.Names;
import murder.core.api.AgentHeartbeat;
import murder.core.api.AgentInfo;
import murder.tracker.store.AgentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Agents and their liveness: alive while the last heartbeat is younger than the agent timeout. */
public final class AgentService {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    private final AgentStore store;
    private final Clock clock;
    private final Duration timeout;

    public AgentService(AgentStore store, Clock clock, Duration timeout) {
        this.store = store;
        this.clock = clock;
        this.timeout = timeout;
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
        var previous = store.put(new AgentStore.Row(host, tags, heartbeat.btPort(), heartbeat.activeRelease(), now));
        if (previous.isEmpty()) {
            log.info("agent {} registered (tags {}, bt port {})", host, tags, heartbeat.btPort());
        } else if (!isAlive(previous.get().lastSeen())) {
            log.info("agent {} is back (tags {}, last seen {})", host, tags, previous.get().lastSeen());
        } else if (!previous.get().tags().equals(tags)) {
            log.info("agent {} changed its tags to {}", host, tags);
        }
    }

    public List<AgentInfo> list() {
        return store.all().stream().map(this::info).toList();
    }

    public Optional<AgentInfo> find(String host) {
        return store.find(host).map(this::info);
    }

    /** The agent, or NOT_FOUND for a host that never sent a heartbeat. */
    public AgentInfo require(String host) {
        Names.requireHost(host);
        return find(host).orElseThrow(() -> new MurderException(Kind.NOT_FOUND, "unknown agent " + host
                + ": it has never sent a heartbeat (is `murder agent` running there with this tracker?)"));
    }

    /** Host names of the live agents that have {@code tag}, sorted. */
    public List<String> liveHostsWithTag(String tag) {
        return store.all().stream()
                .filter(a -> a.tags().contains(tag) && isAlive(a.lastSeen()))
                .map(AgentStore.Row::host)
                .sorted()
                .toList();
    }

    boolean isAlive(Instant lastSeen) {
        return lastSeen != null && Duration.between(lastSeen, clock.instant()).compareTo(timeout) < 0;
    }

    private AgentInfo info(AgentStore.Row row) {
        return new AgentInfo(row.host(), row.tags(), row.btPort(), row.activeRelease(), row.lastSeen(),
                isAlive(row.lastSeen()));
    }
}
