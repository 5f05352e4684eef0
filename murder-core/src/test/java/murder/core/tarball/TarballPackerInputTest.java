package murder.core.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the packer does with the odd things a build directory may hold. */
class TarballPackerInputTest {

    @TempDir
    Path tmp;

    @Test
    void aDanglingSymlinkIsPackedAsTheLinkItIs() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("app.txt"), "hi");
        Files.createSymbolicLink(src.resolve("logs"), Path.of("/var/log/no-such-app"));
        Path tarball = tmp.resolve("r.tar.gz");
        TarballPacker.pack(src, tarball);
        Path out = tmp.resolve("out");
        TarballUnpacker.unpack(tarball, out);
        assertThat(Files.readSymbolicLink(out.resolve("logs"))).isEqualTo(Path.of("/var/log/no-such-app"));
    }

    @Test
    void aPipeIsRefusedNamingIt() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Process mkfifo = new ProcessBuilder("mkfifo", src.resolve("queue").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        assertThatThrownBy(() -> TarballPacker.pack(src, tmp.resolve("r.tar.gz")))
                .isInstanceOf(MurderException.class)
                .hasMessageStartingWith("cannot pack " + src.resolve("queue") + ": only regular files");
    }

    @Test
    void anUnreadableFileOrDirectoryIsNamed() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root reads mode 000 files (FailuresE2ETest covers it)")
                .isNotEqualTo("root");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path secret = Files.writeString(src.resolve("secret"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> TarballPacker.pack(src, tmp.resolve("r.tar.gz")))
                .isInstanceOf(MurderException.class)
                .hasMessage("cannot pack " + secret + ": cannot read it (Permission denied): make it readable by "
                        + System.getProperty("user.name") + " or leave it out of the build");
        Files.delete(secret);

        Path hidden = Files.createDirectories(src.resolve("hidden"));
        Files.writeString(hidden.resolve("f"), "x");
        Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> TarballPacker.pack(src, tmp.resolve("r2.tar.gz")))
                    .hasMessageStartingWith("cannot pack " + hidden + ": cannot read it (Permission denied)");
        } finally {
            Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aTarballThatCannotBeWrittenSaysWhere() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("app.txt"), "hi");
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> TarballPacker.pack(src, file.resolve("r.tar.gz")))
                .isInstanceOf(MurderException.class)
                .hasMessage("cannot write the tarball " + file.resolve("r.tar.gz") + " (Not a directory): check the "
                        + "space and permissions there, or choose another --work-dir");
    }
}
