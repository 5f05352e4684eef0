package murder.core.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input, a full disk and a permission problem each get their own kind and advice. */
class UnpackFailuresTest {

    private static final Path FILE = Path.of("/srv/app/.staging-r1-x/lib/app.jar");
    private static final UnpackFailures.Space SPACE =
            new UnpackFailures.Space(3L << 30, true, 1L << 30, Path.of("/srv/app/.staging-r1-x"), 512L << 20);

    @TempDir
    Path tmp;

    @Test
    void aFullDiskSaysWhatTheReleaseNeedsAndWhatIsFree() {
        for (IOException full : new IOException[] {new IOException("No space left on device"),
                new FileSystemException(FILE.toString(), null, "No space left on device")}) {
            MurderException e = UnpackFailures.cannotWrite(FILE, full, SPACE);
            assertThat(e.kind()).isEqualTo(MurderException.Kind.FAILED);
            assertThat(e.getMessage())
                    .startsWith("cannot write " + FILE + " (No space left on device)")
                    .contains("the release needs 3 GiB unpacked")
                    .contains("the file system of /srv/app/.staging-r1-x has 1.5 GiB free once the partial unpack")
                    .contains("free some space there")
                    .doesNotContain("is it a .tar.gz");
        }
        UnpackFailures.Space roughly = new UnpackFailures.Space(3L << 30, false, 0, Path.of("/srv"), -1);
        assertThat(UnpackFailures.cannotWrite(FILE, new IOException("Disk quota exceeded"), roughly).getMessage())
                .contains("needs at least 3 GiB").contains("has an unknown amount free");
    }

    @Test
    void permissionDeniedNamesTheDirectoryToFix() {
        MurderException e = UnpackFailures.cannotWrite(FILE, new AccessDeniedException(FILE.toString()), SPACE);
        assertThat(e.kind()).isEqualTo(MurderException.Kind.FAILED);
        assertThat(e.getMessage()).isEqualTo("cannot write " + FILE + " (Permission denied): make "
                + FILE.getParent() + " writable by the agent's user");
    }

    @Test
    void anUnwritableTargetIsAFailureNotBadInput() throws IOException {
        Path tarball = tmp.resolve("ok.tar.gz");
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("a", "x");
        }
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, notADir.resolve("out")))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.FAILED))
                .hasMessageContaining("cannot write " + notADir.resolve("out"))
                .hasMessageNotContaining("is it a .tar.gz");
    }

    @Test
    void aNonEmptyTargetIsRefused() throws IOException {
        Path tarball = tmp.resolve("ok.tar.gz");
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("a", "x");
        }
        Path target = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(target.resolve("other"), "x");
        assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, target))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.FAILED))
                .hasMessageContaining("not empty");
    }

    @Test
    void notGzipAndATruncatedTarballAreBadInputWithTheHint() throws IOException {
        Path bogus = Files.writeString(tmp.resolve("bogus.tar.gz"), "this is not gzip");
        assertThatThrownBy(() -> TarballUnpacker.validate(bogus))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageStartingWith("cannot unpack " + bogus)
                .hasMessageEndingWith("(is it a .tar.gz?)");

        Path whole = tmp.resolve("whole.tar.gz");
        try (TestTarball t = TestTarball.create(whole)) {
            t.file("a", "x".repeat(100_000));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = tmp.resolve("truncated.tar.gz");
        try (OutputStream out = Files.newOutputStream(truncated)) {
            out.write(Arrays.copyOf(bytes, bytes.length / 2));
        }
        assertThatThrownBy(() -> TarballUnpacker.unpack(truncated, tmp.resolve("out")))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("is it a .tar.gz?");
    }

    @Test
    void anUnreadableTarballIsAFailureOfThisHost() throws IOException {
        assertThatThrownBy(() -> TarballUnpacker.validate(tmp.resolve("missing.tar.gz")))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.FAILED))
                .hasMessageContaining("cannot read tarball " + tmp.resolve("missing.tar.gz"));
    }

    @Test
    void sizesParseAndFormat() {
        assertThat(ByteSizes.parse("32g")).isEqualTo(32L << 30);
        assertThat(ByteSizes.parse("512M")).isEqualTo(512L << 20);
        assertThat(ByteSizes.parse("1TiB")).isEqualTo(1L << 40);
        assertThat(ByteSizes.parse("4096")).isEqualTo(4096);
        assertThatThrownBy(() -> ByteSizes.parse("lots")).hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> ByteSizes.parse("-1g")).hasMessageContaining("is not a size");
        assertThat(ByteSizes.format(32L << 30)).isEqualTo("32 GiB");
        assertThat(ByteSizes.format(3L << 19)).isEqualTo("1.5 MiB");
        assertThat(ByteSizes.format(10)).isEqualTo("10 bytes");
        assertThat(PosixFilePermissions.toString(FileModes.toPermissions(FileModes.permissionBits(04755))))
                .isEqualTo("rwxr-xr-x");
    }
}
