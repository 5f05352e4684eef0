package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleWorkDirsTest {

    @TempDir
    Path tmp;

    @Test
    void removesOnlyDirsWhoseOwnerIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path stale = Files.createDirectories(tmp.resolve("murder-deploy-1"));
        Files.writeString(stale.resolve(StaleWorkDirs.OWNER_FILE), gone.pid() + "\n");
        Files.write(stale.resolve("r1.tar.gz"), new byte[1024]);
        Path ours = Files.createDirectories(tmp.resolve("murder-deploy-2"));
        StaleWorkDirs.claim(ours);
        Path unknown = Files.createDirectories(tmp.resolve("murder-deploy-3")); // no owner file: not ours to judge
        Path other = Files.createDirectories(tmp.resolve("something-else"));
        Files.writeString(other.resolve(StaleWorkDirs.OWNER_FILE), gone.pid() + "\n");

        assertThat(StaleWorkDirs.sweep(tmp, "murder-deploy-")).containsExactly(stale);

        assertThat(stale).doesNotExist();
        assertThat(ours).exists();
        assertThat(unknown).exists();
        assertThat(other).exists();
    }

    @Test
    void aTemporaryWorkDirIsClaimedAndDeletedOnClose() throws Exception {
        Path path;
        try (WorkDir work = WorkDir.of(null, "murder-test-")) {
            path = work.path();
            assertThat(Files.readString(path.resolve(StaleWorkDirs.OWNER_FILE)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(StaleWorkDirs.isStale(path)).isFalse();
        }
        assertThat(path).doesNotExist();
    }
}
