package murder.seeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.MurderException;
import murder.core.Sha256;
import murder.core.tarball.TarballUnpacker;
import murder.core.tarball.UnpackLimits;
import murder.core.torrent.InfoHash;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePackerTest {

    static final String ANNOUNCE = "http://127.0.0.1:7070/announce";

    @TempDir
    Path tmp;

    @Test
    void packsADirectoryIntoAManifestedTarball() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build/bin"));
        Files.writeString(build.resolve("run.sh"), "#!/bin/sh\n");
        Path work = Files.createDirectories(tmp.resolve("work"));

        PreparedRelease release = ReleasePacker.prepare(tmp.resolve("build"), "v1", work, ANNOUNCE);

        assertThat(release.tarball()).isEqualTo(work.resolve("v1.tar.gz"));
        assertThat(release.manifest().id()).isEqualTo("v1");
        assertThat(release.manifest().fileName()).isEqualTo("v1.tar.gz");
        assertThat(release.manifest().size()).isEqualTo(Files.size(release.tarball()));
        assertThat(release.manifest().sha256()).isEqualTo(Sha256.ofFile(release.tarball()));
        assertThat(release.manifest().infoHash()).isEqualTo(InfoHash.of(release.torrent()));
        TarballUnpacker.unpack(release.tarball(), tmp.resolve("out"));
        assertThat(tmp.resolve("out/bin/run.sh")).hasContent("#!/bin/sh\n");
    }

    @Test
    void usesAGivenTarballWhereItIs() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.writeString(build.resolve("a.txt"), "a");
        Path tarball = ReleasePacker.prepare(build, "first", Files.createDirectories(tmp.resolve("w1")), ANNOUNCE)
                .tarball();
        Path given = Files.move(tarball, tmp.resolve("app-1.2.tar.gz"));

        PreparedRelease release = ReleasePacker.prepare(given, "v2", Files.createDirectories(tmp.resolve("w2")),
                ANNOUNCE);

        assertThat(release.tarball()).isEqualTo(given.toAbsolutePath());
        assertThat(release.manifest().fileName()).isEqualTo("app-1.2.tar.gz");
        assertThat(tmp.resolve("w2")).isEmptyDirectory();
    }

    @Test
    void refusesWhatIsNeitherADirectoryNorATarball() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hi");
        assertThatThrownBy(() -> ReleasePacker.prepare(text, "v1", tmp, ANNOUNCE))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("give a directory or a .tar.gz file");
        Path fake = Files.writeString(tmp.resolve("fake.tar.gz"), "not gzip");
        assertThatThrownBy(() -> ReleasePacker.prepare(fake, "v1", tmp, ANNOUNCE))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("is it a .tar.gz?");
        assertThatThrownBy(() -> ReleasePacker.prepare(tmp.resolve("missing"), "v1", tmp, ANNOUNCE))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("no such file or directory");
    }

    @Test
    void refusesABadReleaseIdBeforePacking() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        assertThatThrownBy(() -> ReleasePacker.prepare(build, "bad id", work, ANNOUNCE))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("invalid release id 'bad id'");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void refusesATarballAgentsWouldRefuseBeforeSeedingIt() throws IOException {
        Path evil = tmp.resolve("evil.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(evil)))) {
            TarArchiveEntry link = new TarArchiveEntry("etc", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry through = new TarArchiveEntry("etc/cron.d/x");
            tar.putArchiveEntry(through);
            tar.closeArchiveEntry();
        }
        Path work = Files.createDirectories(tmp.resolve("work"));
        assertThatThrownBy(() -> ReleasePacker.prepare(evil, "v1", work, ANNOUNCE))
                .isInstanceOfSatisfying(MurderException.class,
                        e -> assertThat(e.kind()).isEqualTo(MurderException.Kind.BAD_INPUT))
                .hasMessageStartingWith("cannot deploy " + evil + ": refusing tarball " + evil)
                .hasMessageContaining("would be written through 'etc', which is a symlink");

        Path build = Files.createDirectories(tmp.resolve("build/a/b"));
        Files.writeString(build.resolve("c"), "c");
        assertThatThrownBy(() -> ReleasePacker.prepare(tmp.resolve("build"), "v2", work, ANNOUNCE,
                UnpackLimits.defaults().withMaxEntries(2)))
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("more than 2 files, directories and symlinks");
    }
}
