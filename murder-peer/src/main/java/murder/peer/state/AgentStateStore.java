package murder.peer.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import murder.core.DirectoryTrees;
import murder.core.json.Json;
import murder.peer.activate.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the agent's state in memory and on disk. Every change is written to a temporary file, fsync'ed and renamed
 * over the old file, so a crash leaves the old or the new state, never half of one.
 */
public final class AgentStateStore {

    private static final Logger log = LoggerFactory.getLogger(AgentStateStore.class);

    private final Path file;
    private AgentState state;

    private AgentStateStore(Path file, AgentState state) {
        this.file = file;
        this.state = state;
    }

    /** Loads the state file; a missing one is a fresh agent, an unreadable one is set aside (and logged). */
    public static AgentStateStore open(Path file) {
        return new AgentStateStore(file, load(file));
    }

    public Path file() {
        return file;
    }

    public synchronized AgentState get() {
        return state;
    }

    /**
     * Applies a change and persists it. The change is kept in memory even if writing fails, so the running agent
     * stays consistent; the exception (naming the path and what to do) tells the caller the disk does not know.
     */
    public synchronized AgentState update(UnaryOperator<AgentState> change) {
        state = change.apply(state);
        write(state);
        return state;
    }

    private void write(AgentState value) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            FileTrees.createDirectories(dir);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(Json.pretty(value).getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            DirectoryTrees.fsyncDirectory(dir);
        } catch (IOException e) {
            throw FileTrees.cannotWrite("data dir", dir, e);
        }
    }

    private static AgentState load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return AgentState.empty();
        } catch (IOException e) {
            log.warn("cannot read the agent state {} ({}): starting without it", file, FileTrees.osError(e));
            return AgentState.empty();
        }
        try {
            return Json.read(bytes, AgentState.class);
        } catch (RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            log.warn("the agent state {} is unreadable ({}): moved it to {} and starting without it", file,
                    e.getMessage(), aside);
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                log.warn("cannot move {} aside: {}", file, FileTrees.osError(moveFailed));
            }
            return AgentState.empty();
        }
    }
}
