package murder.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void createsAMissingDirectoryAndLeavesNothingBehindInIt() throws IOException {
        Path dir = tmp.resolve("a/b/c");
        assertThat(WritableDirectory.require(dir, "--data-dir")).isEqualTo(dir);
        assertThat(dir).isDirectory().isEmptyDirectory();
    }

    @Test
    void aFileWhereTheDirectoryOrAParentShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> WritableDirectory.require(file, "--data-dir"))
                .isInstanceOf(MurderException.class)
                .hasMessage("--data-dir " + file + ": it is a file, not a directory: choose a directory");
        assertThatThrownBy(() -> WritableDirectory.require(file.resolve("x/y"), "--data-dir"))
                .hasMessageStartingWith("--data-dir " + file.resolve("x/y") + ": cannot create it (")
                .hasMessageEndingWith("a file is in the way on that path; choose another directory");
    }

    @Test
    void aDirectoryThisUserCannotWriteIsNamed() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root may write anywhere").isNotEqualTo("root");
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> WritableDirectory.require(dir, "--data-dir"))
                    .hasMessage("--data-dir " + dir + ": cannot write in it (Permission denied): make it writable by "
                            + System.getProperty("user.name") + " (chown/chmod) or choose another directory")
                    .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(MurderException.Kind.BAD_INPUT));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
