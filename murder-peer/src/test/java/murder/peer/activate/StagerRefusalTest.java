package murder.peer.activate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import murder.core.MurderException;
import murder.core.tarball.UnpackLimits;
import murder.peer.testing.TestReleases;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused tarball leaves {@code releases/}, {@code current} and everything outside exactly as they were. */
class StagerRefusalTest {

    @TempDir
    Path work;

    private DeployRoot root;

    @BeforeEach
    void activeRelease() throws IOException {
        root = new DeployRoot(work.resolve("deploy"));
        root.prepare();
        new Stager(root).stage(TestReleases.build(work, "r0").tarball(), "r0");
        new CurrentLink(root).swapTo("r0");
    }

    @Test
    void aSymlinkAttackFailsAsBadInputAndTouchesNothing() throws IOException {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
        FileTime mtime = FileTime.fromMillis(1_500_000_000_000L);
        Files.setLastModifiedTime(outside, mtime);
        Path evil = work.resolve("evil.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(evil)))) {
            TarArchiveEntry link = new TarArchiveEntry("x", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(outside.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry dir = new TarArchiveEntry("x/");
            dir.setMode(040777);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
        }

        assertThatThrownBy(() -> new Stager(root).stage(evil, "r1"))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageStartingWith("cannot unpack release r1: refusing tarball " + evil)
                .hasMessageContaining("entry 'x/'");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside))).isEqualTo("rwx------");
        assertThat(Files.getLastModifiedTime(outside)).isEqualTo(mtime);
        assertUntouched();
    }

    @Test
    void aTarballOverTheEntryLimitFailsQuicklyAndLeavesNoStagingDir() throws IOException {
        Path many = work.resolve("many.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(many)))) {
            for (int i = 0; i < 500; i++) {
                tar.putArchiveEntry(new TarArchiveEntry("f" + i));
                tar.closeArchiveEntry();
            }
        }

        assertThatThrownBy(() -> new Stager(root, UnpackLimits.defaults().withMaxEntries(100)).stage(many, "r1"))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("more than 100 files, directories and symlinks")
                .hasMessageContaining("murder agent --max-files N");
        assertUntouched();
    }

    private void assertUntouched() throws IOException {
        assertThat(root.currentRelease()).contains("r0");
        assertThat(Files.readSymbolicLink(root.current())).isEqualTo(Path.of("releases/r0"));
        try (Stream<Path> releases = Files.list(root.releasesDir())) {
            assertThat(releases).containsExactly(root.releaseDir("r0"));
        }
        assertThat(Files.readString(root.releaseDir("r0").resolve("VERSION"))).isEqualTo("r0\n");
        try (Stream<Path> entries = Files.list(root.root())) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactly("current", "releases");
        }
        assertThat(Files.exists(root.root().resolve("current"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
