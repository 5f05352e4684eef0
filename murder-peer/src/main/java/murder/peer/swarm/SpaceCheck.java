package murder.peer.swarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import murder.core.MurderException;
import murder.peer.activate.FileTrees;

/**
 * Refuses a download that cannot fit before it starts: a full disk otherwise shows up only as write errors deep in
 * bt. A partly downloaded file counts as present (bt writes pieces in place, so this may overestimate what is there;
 * the storage failure still catches the rest).
 */
public final class SpaceCheck {

    /** The space a directory's file system has for this process; a seam for tests. */
    @FunctionalInterface
    public interface UsableSpace {
        long of(Path dir) throws IOException;
    }

    public static final UsableSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    private final UsableSpace space;

    public SpaceCheck(UsableSpace space) {
        this.space = space;
    }

    /** Throws FAILED, with the numbers, if {@code dir} cannot take the rest of a {@code size}-byte {@code file}. */
    public void require(Path dir, String file, long size, String releaseId) {
        long present = 0;
        long usable;
        try {
            Path target = dir.resolve(file);
            if (Files.isRegularFile(target)) {
                present = Math.min(size, Files.size(target));
            }
            usable = space.of(dir);
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot tell the free space of " + dir + ": "
                    + FileTrees.osError(e), e);
        }
        long needed = size - present;
        if (usable < needed) {
            throw new MurderException(MurderException.Kind.FAILED, "not enough space in " + dir + " for release "
                    + releaseId + ": its tarball needs " + mb(needed) + " more but only " + mb(usable)
                    + " is usable; free space there (or move --data-dir), then redeploy");
        }
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB (%d bytes)", bytes / 1e6, bytes);
    }
}
