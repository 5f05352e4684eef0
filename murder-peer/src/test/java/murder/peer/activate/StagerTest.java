package murder.peer.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import murder.core.MurderException;
import murder.peer.testing.TestReleases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagerTest {

    @TempDir
    Path work;

    @Test
    void unpacksARealTarballIntoReleasesWithContentAndModes() throws IOException {
        TestReleases.Built built = TestReleases.build(work, "r1");
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        root.prepare();

        Path release = new Stager(root).stage(built.tarball(), "r1");

        assertThat(release).isEqualTo(root.releaseDir("r1"));
        assertThat(Files.readString(release.resolve("VERSION"))).isEqualTo("r1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(release.resolve("bin/run.sh"))))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(release.resolve("secret.conf"))))
                .isEqualTo("rw-------");
        assertThat(Files.readSymbolicLink(release.resolve("run"))).isEqualTo(Path.of("bin/run.sh"));
        assertThat(stagingDirs(root)).isEmpty();
    }

    @Test
    void replacesAnIncompleteLeftoverUnderTheReleaseName() throws IOException {
        TestReleases.Built built = TestReleases.build(work, "r1");
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        root.prepare();
        Files.createDirectories(root.releaseDir("r1"));
        Files.writeString(root.releaseDir("r1").resolve("stale"), "x");

        new Stager(root).stage(built.tarball(), "r1");

        assertThat(root.releaseDir("r1").resolve("stale")).doesNotExist();
        assertThat(root.releaseDir("r1").resolve("VERSION")).exists();
    }

    @Test
    void aCorruptTarballLeavesNoStagingDirAndNoRelease() throws IOException {
        Path bad = work.resolve("bad.tar.gz");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        root.prepare();

        assertThatThrownBy(() -> new Stager(root).stage(bad, "r1")).isInstanceOf(MurderException.class);

        assertThat(root.releaseDir("r1")).doesNotExist();
        assertThat(stagingDirs(root)).isEmpty();
    }

    @Test
    void prepareRemovesLeftoversOfAnInterruptedRun() throws IOException {
        DeployRoot root = new DeployRoot(work.resolve("deploy"));
        Path staging = root.root().resolve(".staging-r1-abc");
        Files.createDirectories(staging.resolve("sub"));
        Files.setPosixFilePermissions(staging.resolve("sub"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createSymbolicLink(root.root().resolve("current.tmp-abc"), Path.of("releases/r0"));

        root.prepare();

        assertThat(staging).doesNotExist();
        assertThat(Files.exists(root.root().resolve("current.tmp-abc"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(root.releasesDir()).isDirectory();
    }

    @Test
    void anUnwritableDeployRootFailsWithThePathAndWhatToDo() throws IOException {
        Path file = work.resolve("not-a-dir");
        Files.writeString(file, "x");
        DeployRoot root = new DeployRoot(file.resolve("deploy"));

        assertThatThrownBy(root::prepare)
                .isInstanceOf(MurderException.class)
                .hasMessageContaining(root.root().toString())
                .hasMessageContaining("Not a directory")
                .hasMessageContaining("make " + root.root() + " writable by the agent's user");
    }

    private static java.util.List<Path> stagingDirs(DeployRoot root) throws IOException {
        try (var entries = Files.list(root.root())) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
