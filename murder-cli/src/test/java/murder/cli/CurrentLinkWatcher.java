package murder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that looks at the {@code current} symlink of some deploy roots about every millisecond and records every
 * moment it is not what an application on the host may rely on: once it has appeared it must always exist, be a
 * symlink to {@code releases/<id>}, and lead to a directory whose marker file holds that same id.
 */
final class CurrentLinkWatcher implements AutoCloseable {

    /** The file each watched release carries, holding its release id. */
    static final String MARKER = "RELEASE_ID";

    private final List<Path> deployRoots;
    private final Thread thread;
    private volatile boolean stopped;
    // written by the watcher thread only; read after close(), which joins it
    private final Map<Path, Set<String>> seen = new LinkedHashMap<>();
    private final List<String> anomalies = new ArrayList<>();
    private long samples;

    CurrentLinkWatcher(List<Path> deployRoots) {
        this.deployRoots = List.copyOf(deployRoots);
        deployRoots.forEach(root -> seen.put(root, new LinkedHashSet<>()));
        this.thread = new Thread(this::watch, "current-link-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!stopped) {
            for (Path root : deployRoots) {
                look(root);
            }
            samples++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void look(Path root) {
        Path current = root.resolve("current");
        Set<String> releases = seen.get(root);
        Path target;
        try {
            target = Files.readSymbolicLink(current);
        } catch (NoSuchFileException e) {
            if (!releases.isEmpty()) {
                anomaly(root, "current is missing");
            } // else: no release has been activated here yet
            return;
        } catch (NotLinkException e) {
            anomaly(root, "current is not a symlink");
            return;
        } catch (IOException e) {
            anomaly(root, "cannot read the current link: " + e);
            return;
        }
        String marker;
        try {
            marker = Files.readString(current.resolve(MARKER)).strip();
        } catch (IOException e) {
            marker = null;
        }
        Path again = readLinkOrNull(current);
        if (again == null) {
            anomaly(root, "current is missing");
        } else if (!again.equals(target)) {
            return; // swapped between the reads: not a moment seen whole, look again
        } else if (target.getNameCount() != 2 || !target.getName(0).toString().equals("releases")) {
            anomaly(root, "current points at " + target + ", not releases/<id>");
        } else if (marker == null) {
            anomaly(root, Files.isDirectory(current) ? "current -> " + target + " has no " + MARKER
                    : "current -> " + target + " dangles");
        } else if (!marker.equals(target.getFileName().toString())) {
            anomaly(root, "current -> " + target + " holds the marker of release '" + marker + "'");
        } else {
            releases.add(marker);
        }
    }

    private static Path readLinkOrNull(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            return null;
        }
    }

    private void anomaly(Path root, String what) {
        if (anomalies.size() < 100) {
            anomalies.add(java.time.Instant.now() + " " + root + ": " + what);
        }
    }

    /** Stops the thread and waits for it; the getters are valid after this. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (thread.isAlive()) {
            throw new IllegalStateException("the current-link watcher did not stop within 10 s");
        }
    }

    List<String> anomalies() {
        return anomalies;
    }

    /** The release ids seen whole (link and marker agreeing) per deploy root, in the order first seen. */
    Map<Path, Set<String>> releasesSeen() {
        return seen;
    }

    /** How many passes over all deploy roots the watcher made. */
    long samples() {
        return samples;
    }
}
