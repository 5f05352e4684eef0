package murder.peer.swarm;

import bt.runtime.BtRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import murder.core.bt.SwarmProgress;
import murder.core.bt.SwarmSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's open torrents, one per release, in one bt runtime. Closing one waits for bt's stopped event. */
public final class Swarms implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Swarms.class);

    private final BtRuntime runtime;
    private final Map<String, Entry> sessions = new HashMap<>();

    public Swarms(BtRuntime runtime) {
        this.runtime = runtime;
    }

    /** Opens the torrent of a release, or re-uses the open one (then only the progress listener changes). */
    public synchronized SwarmSession open(String releaseId, byte[] torrent, Path dir,
                                          Consumer<SwarmProgress> listener) {
        Entry entry = sessions.get(releaseId);
        if (entry == null) {
            Entry created = new Entry(listener);
            created.session = SwarmSession.start(runtime, torrent, dir, p -> created.listener.accept(p));
            sessions.put(releaseId, created);
            log.debug("opened the torrent of {} in {}", releaseId, dir);
            return created.session;
        }
        entry.listener = listener;
        return entry.session;
    }

    public synchronized Set<String> open() {
        return Set.copyOf(sessions.keySet());
    }

    public void stop(String releaseId) {
        Entry entry;
        synchronized (this) {
            entry = sessions.remove(releaseId);
        }
        if (entry != null) {
            entry.session.close();
            log.debug("stopped sharing {}", releaseId);
        }
    }

    public void keepOnly(Optional<String> releaseId) {
        List<String> others = new ArrayList<>();
        synchronized (this) {
            sessions.keySet().stream().filter(id -> releaseId.map(keep -> !keep.equals(id)).orElse(true))
                    .forEach(others::add);
        }
        others.forEach(this::stop);
    }

    @Override
    public void close() {
        keepOnly(Optional.empty());
    }

    private static final class Entry {
        volatile Consumer<SwarmProgress> listener;
        SwarmSession session;

        Entry(Consumer<SwarmProgress> listener) {
            this.listener = listener;
        }
    }
}
