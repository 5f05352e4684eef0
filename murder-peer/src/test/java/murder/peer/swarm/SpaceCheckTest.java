package murder.peer.swarm;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceCheckTest {

    @TempDir
    Path dir;

    @Test
    void refusesADownloadThatCannotFitWithTheNumbers() {
        SpaceCheck check = new SpaceCheck(d -> 1_000_000);
        assertThatThrownBy(() -> check.require(dir, "r1.tar.gz", 5_000_000, "r1"))
                .isInstanceOf(MurderException.class)
                .hasMessage("not enough space in " + dir + " for release r1: its tarball needs 5.0 MB (5000000 bytes)"
                        + " more but only 1.0 MB (1000000 bytes) is usable; free space there (or move --data-dir),"
                        + " then redeploy");
    }

    @Test
    void countsWhatIsAlreadyDownloaded() throws IOException {
        Files.write(dir.resolve("r1.tar.gz"), new byte[4_500_000]);
        SpaceCheck check = new SpaceCheck(d -> 600_000);
        assertThatCode(() -> check.require(dir, "r1.tar.gz", 5_000_000, "r1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.require(dir, "other.tar.gz", 5_000_000, "r2"))
                .hasMessageContaining("needs 5.0 MB");
    }

    @Test
    void theRealFileStoreHasRoomForASmallFile() {
        assertThatCode(() -> new SpaceCheck(SpaceCheck.FILE_STORE).require(dir, "x", 1, "r1"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SpaceCheck(SpaceCheck.FILE_STORE).require(dir, "x", Long.MAX_VALUE, "r1"))
                .hasMessageContaining("not enough space in " + dir);
    }

    @Test
    void anUnreadableFileStoreFailsWithTheCause() {
        SpaceCheck check = new SpaceCheck(d -> {
            throw new java.nio.file.NoSuchFileException(d.toString());
        });
        assertThatThrownBy(() -> check.require(dir, "x", 1, "r1")).hasMessageStartingWith("cannot tell the free space of");
    }
}
