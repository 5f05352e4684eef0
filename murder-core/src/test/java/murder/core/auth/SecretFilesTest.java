package murder.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesMode0600AndNeverOverwrites() throws Exception {
        Path file = dir.resolve("t");
        SecretFiles.writeNew(file, "a".repeat(64));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretFiles.readToken(file, "token")).isEqualTo("a".repeat(64));
        assertThatThrownBy(() -> SecretFiles.writeNew(file, "b".repeat(64))).isInstanceOf(MurderException.class)
                .hasMessageContaining("exists already");
        assertThat(Files.readString(file)).isEqualTo("a".repeat(64) + "\n");
    }

    @Test
    void readsEveryValueSkippingCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("t");
        SecretFiles.writeNew(file, "# new one below\n\n  " + "a".repeat(40) + "  \n" + "b".repeat(32));

        assertThat(SecretFiles.readAll(file, "agent secrets")).containsExactly("a".repeat(40), "b".repeat(32));
    }

    @Test
    void refusesWhatOthersCanReadOrWriteAndEmptyOrWeakFiles() throws Exception {
        Path file = dir.resolve("t");
        SecretFiles.writeNew(file, "a".repeat(64));
        for (String mode : new String[] {"rw-r--r--", "rw-----w-", "rw-rw----"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> SecretFiles.readAll(file, "token")).as(mode)
                    .hasMessageContaining("chmod 600 " + file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretFiles.readToken(file, "token")).isEqualTo("a".repeat(64)); // a WARN, not a refusal

        Path empty = dir.resolve("empty");
        SecretFiles.writeNew(empty, "# nothing yet");
        assertThatThrownBy(() -> SecretFiles.readAll(empty, "deployer tokens")).hasMessageContaining("holds no token");
        Path spaced = dir.resolve("spaced");
        SecretFiles.writeNew(spaced, "a".repeat(20) + " " + "b".repeat(20));
        assertThatThrownBy(() -> SecretFiles.readAll(spaced, "token")).hasMessageContaining("contains spaces");
    }
}
