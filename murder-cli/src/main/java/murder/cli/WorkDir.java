package murder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.DirectoryTrees;

/** A working directory: the operator's own (kept) or a temporary one (deleted on close). */
public final class WorkDir implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

    private WorkDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    public static WorkDir of(Path given, String prefix) throws IOException {
        if (given != null) {
            Files.createDirectories(given);
            return new WorkDir(given, false);
        }
        return new WorkDir(Files.createTempDirectory(prefix), true);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (temporary) {
            deleteTree(path);
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
