package murder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path tmp;

    @Test
    void writesAnOwnerOnlyPrivateKeyAndAPublicKeyInPem() throws Exception {
        KeyFiles.Written written = KeyFiles.generate(tmp.resolve("keys/release"));

        assertThat(written.privateKey()).isEqualTo(tmp.resolve("keys/release.key"));
        assertThat(written.publicKey()).isEqualTo(tmp.resolve("keys/release.pub"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateKey())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(written.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(written.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .doesNotContain("PRIVATE");
        assertThat(TrustedKeys.load(List.of(written.publicKey())).keyids()).containsExactly(written.keyid());
        assertThat(StatementSigner.load(written.privateKey()).keyid()).isEqualTo(written.keyid());
    }

    @Test
    void refusesToOverwriteEitherFile() throws Exception {
        KeyFiles.Written first = KeyFiles.generate(tmp.resolve("k"));
        String before = Files.readString(first.privateKey());
        assertThatThrownBy(() -> KeyFiles.generate(tmp.resolve("k"))).isInstanceOf(MurderException.class)
                .hasMessageContaining("already exists").extracting(e -> ((MurderException) e).kind())
                .isEqualTo(MurderException.Kind.CONFLICT);
        assertThat(Files.readString(first.privateKey())).isEqualTo(before);

        Files.writeString(tmp.resolve("only.pub"), "mine");
        assertThatThrownBy(() -> KeyFiles.generate(tmp.resolve("only"))).hasMessageContaining("only.pub");
        assertThat(tmp.resolve("only.key")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("only.pub"))).isEqualTo("mine");
    }
}
