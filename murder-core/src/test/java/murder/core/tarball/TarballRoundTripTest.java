package murder.core.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import murder.core.MurderException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void keepsContentModesAndSymlinks() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(src.resolve("bin"));
        Files.createDirectories(src.resolve("private"));
        Path script = Files.writeString(src.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.write(src.resolve("data.bin"), new byte[300_000]);
        Files.setPosixFilePermissions(src.resolve("private"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(src.resolve("run"), Path.of("bin/run.sh"));
        Files.createFile(src.resolve("empty"));

        Path tarball = tmp.resolve("r.tar.gz");
        TarballPacker.pack(src, tarball);
        TarballUnpacker.validate(tarball);
        Path out = tmp.resolve("out");
        TarballUnpacker.unpack(tarball, out);

        assertThat(out.resolve("bin/run.sh")).hasContent("#!/bin/sh\necho hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/run.sh"))))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("private"))))
                .isEqualTo("rwx------");
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).hasSize(300_000);
        assertThat(Files.isSymbolicLink(out.resolve("run"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("run"))).isEqualTo(Path.of("bin/run.sh"));
        assertThat(out.resolve("empty")).isEmptyFile();
        assertThat(Files.getLastModifiedTime(out.resolve("data.bin"), LinkOption.NOFOLLOW_LINKS).toMillis() / 1000)
                .isEqualTo(Files.getLastModifiedTime(src.resolve("data.bin")).toMillis() / 1000);
    }

    @Test
    void packingTheSameTreeTwiceGivesTheSameEntries() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (String name : new String[] {"b", "a", "c/d", "c/a"}) {
            Files.createDirectories(src.resolve(name).getParent());
            Files.writeString(src.resolve(name), name);
        }
        TarballPacker.pack(src, tmp.resolve("1.tar.gz"));
        TarballPacker.pack(src, tmp.resolve("2.tar.gz"));
        assertThat(tmp.resolve("1.tar.gz")).hasSameBinaryContentAs(tmp.resolve("2.tar.gz"));
    }

    @Test
    void refusesEntriesThatEscapeTheTarget() throws IOException {
        Path evil = tmp.resolve("evil.tar.gz");
        writeTar(evil, "../escaped.txt");
        assertThatThrownBy(() -> TarballUnpacker.unpack(evil, tmp.resolve("out")))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("../escaped.txt")
                .hasMessageContaining("outside the release directory");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void refusesWritingThroughASymlink() throws IOException {
        Path evil = tmp.resolve("evil.tar.gz");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(evil)))) {
            TarArchiveEntry link = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(outside.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("link/owned.txt");
            file.setSize(1);
            tar.putArchiveEntry(file);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> TarballUnpacker.unpack(evil, tmp.resolve("out")))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("would be written through 'link', which is a symlink");
        assertThat(outside.resolve("owned.txt")).doesNotExist();
    }

    @Test
    void notATarballGivesAClearError() throws IOException {
        Path bogus = Files.writeString(tmp.resolve("bogus.tar.gz"), "this is not gzip");
        assertThatThrownBy(() -> TarballUnpacker.validate(bogus))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("cannot unpack")
                .hasMessageContaining("is it a .tar.gz?");
    }

    @Test
    void packingAMissingDirectoryIsBadInput() {
        assertThatThrownBy(() -> TarballPacker.pack(tmp.resolve("nope"), tmp.resolve("x.tar.gz")))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("not a directory");
    }

    private static void writeTar(Path tarball, String entryName) throws IOException {
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry(entryName, true);
            entry.setSize(2);
            tar.putArchiveEntry(entry);
            tar.write(new byte[] {'h', 'i'});
            tar.closeArchiveEntry();
        }
    }
}
