package murder.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import murder.core.DirectoryTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary work dirs left behind by a process that could not clean up ({@code kill -9}, a crash): each holds an
 * {@value #OWNER_FILE} file with its owner's pid, and a dir whose owner is gone (or whose pid now belongs to a
 * process started after the dir was made) is removed by the next command that makes one with the same prefix. Dirs
 * without that file are left alone: nothing says whose they are.
 */
public final class StaleWorkDirs {

    static final String OWNER_FILE = "owner.pid";
    private static final Logger log = LoggerFactory.getLogger(StaleWorkDirs.class);

    private StaleWorkDirs() {
    }

    /** Marks {@code dir} as owned by this process. */
    public static void claim(Path dir) throws IOException {
        Files.writeString(dir.resolve(OWNER_FILE), ProcessHandle.current().pid() + "\n");
    }

    /** Removes the stale dirs named {@code prefix*} in {@code parent}; returns them. Never fails the caller. */
    public static List<Path> sweep(Path parent, String prefix) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && isStale(dir)) {
                    try {
                        DirectoryTrees.deleteTree(dir);
                        removed.add(dir);
                        log.info("removed {}, left behind by a process that is gone", dir);
                    } catch (IOException e) {
                        log.warn("cannot remove the stale work dir {}: {}", dir, e.toString());
                    }
                }
            }
        } catch (IOException e) {
            log.debug("cannot look for stale work dirs in {}: {}", parent, e.toString());
        }
        return removed;
    }

    static boolean isStale(Path dir) {
        Path owner = dir.resolve(OWNER_FILE);
        long pid;
        Instant claimed;
        try {
            pid = Long.parseLong(Files.readString(owner).trim());
            claimed = Files.getLastModifiedTime(owner).toInstant();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // the pid was reused: its process started after the dir was claimed (1 s of clock slack)
        return process.get().info().startInstant().map(start -> start.isAfter(claimed.plusSeconds(1))).orElse(false);
    }
}
