package murder.tracker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import murder.core.MurderException;
import murder.core.testing.TestAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthSettingsTest {

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredRefusesToStartAndSaysHowToMakeTokens() {
        assertThatThrownBy(AuthSettings.UNSET::authorizer).isInstanceOf(MurderException.class)
                .hasMessageContaining("murder token new").hasMessageContaining("murder token agent")
                .hasMessageContaining("--no-auth");
    }

    @Test
    void noAuthIsOpenButNotCombinedWithTokens() {
        AuthSettings.NO_AUTH.authorizer().check(Credentials.NONE, Access.DEPLOYER);
        TestAuth files = TestAuth.create(dir);
        assertThatThrownBy(() -> new AuthSettings(files.deployerTokens(), null, false, true).authorizer())
                .hasMessageContaining("cannot be combined");
    }

    @Test
    void readsTheFilesSkippingCommentsAndBlankLines() throws Exception {
        TestAuth files = TestAuth.create(dir);
        Files.writeString(files.deployerTokens(), "# rotated in on monday\n\n" + files.deployerToken() + "\n");
        Authorizer authorizer = AuthSettings.tokens(files.deployerTokens(), files.agentSecrets()).authorizer();

        authorizer.check(new Credentials(files.deployerToken(), null), Access.DEPLOYER);
        authorizer.check(new Credentials(files.agentToken("h1"), "h1"), Access.agent("h1"));
    }

    @Test
    void refusesFilesOtherUsersCanReadAndShortTokens() throws Exception {
        TestAuth files = TestAuth.create(dir);
        Files.setPosixFilePermissions(files.agentSecrets(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AuthSettings.tokens(files.deployerTokens(), files.agentSecrets()).authorizer())
                .hasMessageContaining("chmod 600 " + files.agentSecrets());

        Path shortToken = dir.resolve("short");
        Files.writeString(shortToken, "secret\n");
        Files.setPosixFilePermissions(shortToken, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> AuthSettings.tokens(shortToken, null).authorizer())
                .hasMessageContaining("shorter than 32 characters");

        assertThatThrownBy(() -> AuthSettings.tokens(dir.resolve("missing"), null).authorizer())
                .hasMessageContaining("cannot read the deployer tokens file " + dir.resolve("missing"));
        assertThat(Files.getPosixFilePermissions(files.deployerTokens()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
