package murder.core.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import murder.core.MurderException;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of entry users found (or could find) that must not be unpacked, and that nothing leaks outside. */
class HostileEntriesTest {

    private static final FileTime OUTSIDE_MTIME = FileTime.fromMillis(1_500_000_000_000L);

    @TempDir
    Path tmp;

    Path outside;
    Path tarball;
    Path out;

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "mine");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(outside, OUTSIDE_MTIME);
        tarball = tmp.resolve("evil.tar.gz");
        out = tmp.resolve("out");
    }

    @Test
    void aDirectoryEntryNamingASymlinkDoesNotChmodItsTarget() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.symlink("x", outside.toString()).dir("x/", 0777);
        }
        assertRefused().hasMessageContaining("entry 'x/'").hasMessageContaining("already a symlink");
        assertOutsideUntouched();
    }

    @Test
    void aDirectoryBelowASymlinkIsRefused() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.symlink("x", outside.toString()).dir("x/sub/", 0777);
        }
        assertRefused().hasMessageContaining("would be written through 'x', which is a symlink");
        assertThat(outside.resolve("sub")).doesNotExist();
        assertOutsideUntouched();
    }

    @Test
    void aFileThroughASymlinkIsRefused() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.symlink("link", outside.toString()).file("link/owned.txt", "x");
        }
        assertRefused().hasMessageContaining("entry 'link/owned.txt' would be written through 'link'");
        assertThat(outside.resolve("owned.txt")).doesNotExist();
        assertOutsideUntouched();
    }

    @Test
    void aFileEntryNamingASymlinkDoesNotWriteItsTarget() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.symlink("keep.txt", outside.resolve("keep.txt").toString()).file("keep.txt", 0666, "owned");
        }
        assertRefused().hasMessageContaining("names 'keep.txt', which is already a symlink");
        assertThat(outside.resolve("keep.txt")).hasContent("mine");
        assertOutsideUntouched();
    }

    @Test
    void anEntryOverAnotherOfAnotherTypeIsRefused() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("a", "file").dir("a/", 0755);
        }
        assertRefused().hasMessageContaining("names 'a', which is already a file");
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("a", "one").file("a", "two");
        }
        assertRefused().hasMessageContaining("names 'a', which is already a file");
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("a", "file").file("a/b", "through a file");
        }
        assertRefused().hasMessageContaining("would be written through 'a', which is a file");
    }

    static Stream<Arguments> specialEntries() {
        return Stream.of(
                Arguments.of(TarConstants.LF_LINK, "a hard link to 'real.txt'"),
                Arguments.of(TarConstants.LF_CHR, "a character device"),
                Arguments.of(TarConstants.LF_BLK, "a block device"),
                Arguments.of(TarConstants.LF_FIFO, "a FIFO (named pipe)"),
                Arguments.of((byte) 'V', "of tar type 'V'"));
    }

    @ParameterizedTest
    @MethodSource("specialEntries")
    void hardLinksDevicesAndFifosAreRefusedNotTurnedIntoFiles(byte flag, String description) throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("real.txt", "x").special("special", flag, flag == TarConstants.LF_LINK ? "real.txt" : null);
        }
        assertRefused().hasMessageContaining("entry 'special' is " + description)
                .hasMessageContaining("only regular files, directories and symlinks");
        assertThat(Files.exists(out.resolve("special"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThatThrownBy(() -> TarballUnpacker.validate(tarball)).hasMessageContaining(description);
    }

    @Test
    void setuidSetgidAndStickyBitsAreDropped() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.dir("shared", 03777).file("shared/su", 04755, "#!/bin/sh\n").file("sg", 02750, "x");
        }
        TarballUnpacker.unpack(tarball, out);

        assertThat(mode(out.resolve("shared"))).isEqualTo(0777);
        assertThat(mode(out.resolve("shared/su"))).isEqualTo(0755);
        assertThat(mode(out.resolve("sg"))).isEqualTo(0750);
        assertThat(Files.getLastModifiedTime(out.resolve("shared/su")).toMillis())
                .isEqualTo(TestTarball.MTIME.getTime());
    }

    @Test
    void namesLeavingTheReleaseAreRefused() throws IOException {
        for (String name : new String[] {"../escaped.txt", "a/../../escaped.txt", "a/../b.txt", "/tmp/abs.txt"}) {
            try (TestTarball t = TestTarball.create(tarball)) {
                t.file(name, "x");
            }
            assertRefused().hasMessageContaining("entry '" + name + "'")
                    .hasMessageContaining("outside the release directory");
        }
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void tooLongAndTooDeepPathsAreRefused() throws IOException {
        String component = "c".repeat(200) + "/";
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file(component.repeat(25) + "f", "x"); // 5,026 bytes
        }
        assertRefused().hasMessageContaining("path of 5026 bytes, over the limit of 4096 bytes");

        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("d/".repeat(129) + "f", "x");
        }
        assertRefused().hasMessageContaining("130 directories deep, over the limit of 128");
    }

    @Test
    void symlinksInsideAndOutsideTheTreeAreKeptAsLinks() throws IOException {
        try (TestTarball t = TestTarball.create(tarball)) {
            t.dir("bin", 0755).file("bin/run.sh", 0755, "#!/bin/sh\n").symlink("run", "bin/run.sh")
                    .symlink("logs", outside.toString()).symlink("up", "../..");
        }
        TarballUnpacker.unpack(tarball, out);

        assertThat(Files.readSymbolicLink(out.resolve("run"))).isEqualTo(Path.of("bin/run.sh"));
        assertThat(Files.readSymbolicLink(out.resolve("logs"))).isEqualTo(outside);
        assertThat(Files.readSymbolicLink(out.resolve("up"))).isEqualTo(Path.of("../.."));
        assertOutsideUntouched();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused() throws IOException {
        assertThatThrownBy(() -> TarballUnpacker.validate(tarball))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT));
        murder.core.DirectoryTrees.deleteTree(out);
        return assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, out))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageStartingWith("refusing tarball " + tarball + ": ");
    }

    private void assertOutsideUntouched() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside))).isEqualTo("rwxr-x---");
        assertThat(Files.getLastModifiedTime(outside)).isEqualTo(OUTSIDE_MTIME);
        assertThat(outside.resolve("keep.txt")).hasContent("mine");
        try (Stream<Path> entries = Files.list(outside)) {
            assertThat(entries).containsExactly(outside.resolve("keep.txt"));
        }
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
