package murder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.DirectoryTrees;
import murder.core.files.WritableDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A working directory: the operator's own (kept) or a temporary one. A temporary one is deleted on close, and by a
 * shutdown hook on SIGINT/SIGTERM; it holds the owner's pid, so that after a {@code kill -9} (no hooks run) the next
 * command with the same prefix removes it (see {@link StaleWorkDirs}).
 */
public final class WorkDir implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkDir.class);

    private final Path path;
    private final boolean temporary;
    private final Thread cleanupHook;

    private WorkDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
        this.cleanupHook = temporary ? new Thread(this::deleteQuietly, "murder-work-dir-cleanup") : null;
    }

    public static WorkDir of(Path given, String prefix) throws IOException {
        if (given != null) {
            return new WorkDir(WritableDirectory.require(given, "--work-dir"), false);
        }
        Path tmp = WritableDirectory.require(Path.of(System.getProperty("java.io.tmpdir")),
                "the temporary directory (java.io.tmpdir; or give --work-dir)");
        StaleWorkDirs.sweep(tmp, prefix);
        Path dir = Files.createTempDirectory(tmp, prefix);
        StaleWorkDirs.claim(dir);
        WorkDir work = new WorkDir(dir, true);
        Runtime.getRuntime().addShutdownHook(work.cleanupHook);
        return work;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (or ran) anyway
        }
        deleteTree(path);
    }

    private void deleteQuietly() {
        try {
            DirectoryTrees.deleteTree(path);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete the work dir {}: {}", path, e.toString());
        }
    }

    public static void deleteTree(Path root) {
        try {
            DirectoryTrees.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
