package murder.core.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gzip bombs, entry floods and huge headers end quickly, with the limit named, and bounded disk and memory. */
class UnpackLimitsTest {

    @TempDir
    Path tmp;

    @Test
    void aGzipBombIsRefusedBeforeAByteOfItIsWritten() throws IOException {
        Path bomb = tmp.resolve("bomb.tar.gz");
        GzipBomb.write(bomb, 1, 2048); // one 2 GiB file of zeros
        assertThat(Files.size(bomb)).isBetween(1L << 20, 3L << 20);
        Path out = tmp.resolve("out");

        long started = System.nanoTime();
        assertThatThrownBy(() -> TarballUnpacker.unpack(bomb, out))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageContaining("unpacks to more than")
                .hasMessageContaining("200 times the tarball's")
                .hasMessageContaining("murder agent --max-expansion RATIO")
                .hasMessageContaining("gzip bomb");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(bytesUnder(out)).isZero();
    }

    @Test
    void aBombOfManyFilesStopsAtTheTotalLimit() throws IOException {
        Path bomb = tmp.resolve("bomb.tar.gz");
        GzipBomb.write(bomb, 256, 8); // 2 GiB in 8 MiB files
        Path out = tmp.resolve("out");
        UnpackLimits limits = UnpackLimits.defaults().withMaxReleaseBytes(64L << 20);

        long started = System.nanoTime();
        assertThatThrownBy(() -> TarballUnpacker.unpack(bomb, out, limits))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("unpacks to more than 64 MiB (at entry 'zeros-8.bin')")
                .hasMessageContaining("the maximum release size (raise it with murder agent --max-release-size SIZE)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(bytesUnder(out)).isLessThanOrEqualTo(64L << 20);
    }

    @Test
    void tooManyEntriesAreRefusedCountingImpliedDirectories() throws IOException {
        Path tarball = tmp.resolve("many.tar.gz");
        try (TestTarball t = TestTarball.create(tarball)) {
            for (int i = 0; i < 2000; i++) {
                t.file("f" + i, "");
            }
        }
        UnpackLimits limits = UnpackLimits.defaults().withMaxEntries(300);
        long started = System.nanoTime();
        assertThatThrownBy(() -> TarballUnpacker.unpack(tarball, tmp.resolve("out"), limits))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("more than 300 files, directories and symlinks (at entry 'f300')")
                .hasMessageContaining("murder agent --max-files N");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            assertThat(files.count()).isEqualTo(300);
        }

        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("a/b/c/d/e", "x");
        }
        assertThatThrownBy(() -> TarballUnpacker.validate(tarball, UnpackLimits.defaults().withMaxEntries(4)))
                .hasMessageContaining("more than 4 files");
        TarballUnpacker.validate(tarball, UnpackLimits.defaults().withMaxEntries(5));
    }

    @Test
    void oneFileOverTheFileLimitIsRefused() throws IOException {
        Path tarball = tmp.resolve("big.tar.gz");
        try (TestTarball t = TestTarball.create(tarball)) {
            t.file("small", "x").file("big", "0123456789");
        }
        assertThatThrownBy(() -> TarballUnpacker.validate(tarball, UnpackLimits.defaults().withMaxFileBytes(5)))
                .hasMessageContaining("entry 'big' is 10 bytes, over the limit of 5 bytes for one file")
                .hasMessageContaining("--max-release-size");
    }

    @Test
    void aSmallTarballOfZerosIsNotMistakenForABomb() throws IOException {
        Path tarball = tmp.resolve("zeros.tar.gz");
        GzipBomb.write(tarball, 2, 16); // 32 MiB from about 33 KiB: 1000x, but under the 64 MiB floor
        TarballUnpacker.unpack(tarball, tmp.resolve("out"));
        assertThat(bytesUnder(tmp.resolve("out"))).isEqualTo(32L << 20);
    }

    @Test
    void aHugeGnuLongNameIsRefusedWithoutReadingItIntoMemory() throws IOException {
        Path tarball = tmp.resolve("longname.tar.gz");
        try (TestTarball t = TestTarball.create(tarball)) {
            t.gnuLongName(8 << 20).file("short", "x"); // an 8 MiB name for the entry that follows
        }
        assertThatThrownBy(() -> TarballUnpacker.validate(tarball))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("tar headers (GNU long names, PAX records)")
                .hasMessageContaining("memory bounded");
    }

    @Test
    void theRatioNeverBindsBelowTheFloorAndTheLowerLimitBinds() {
        UnpackLimits limits = UnpackLimits.defaults();
        assertThat(limits.releaseBytesFor(1000)).isEqualTo(UnpackLimits.RATIO_FLOOR_BYTES);
        assertThat(limits.releaseBytesFor(10L << 20)).isEqualTo(2000L << 20);
        assertThat(limits.releaseBytesFor(1L << 40)).isEqualTo(32L << 30);
        assertThat(limits.withMaxReleaseBytes(1000).releaseBytesFor(1L << 30)).isEqualTo(1000);
        assertThat(limits.releaseBytesFor(Long.MAX_VALUE / 2)).isEqualTo(32L << 30);
        assertThatThrownBy(() -> limits.withMaxEntries(0)).hasMessageContaining("at least 1");
    }

    @Test
    void theBudgetCountsWrittenBytesAgainstTheLimit() {
        UnpackBudget budget = new UnpackBudget(UnpackLimits.defaults().withMaxReleaseBytes(100), 10);
        budget.admitFile("a", 60);
        budget.wrote(60, "a");
        assertThatThrownBy(() -> budget.wrote(41, "a")).isInstanceOf(Refusal.class)
                .hasMessageContaining("unpacks to more than 100 bytes (at entry 'a')");
        assertThatThrownBy(() -> budget.admitFile("b", 41)).isInstanceOf(Refusal.class);
    }

    private static long bytesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
