package murder.core.tarball;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz files entry by entry, including the kinds a release must never contain. */
final class TestTarball implements Closeable {

    static final Date MTIME = new Date(1_000_000_000_000L);

    private final TarArchiveOutputStream tar;

    private TestTarball(OutputStream out) {
        tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    static TestTarball create(Path file) throws IOException {
        return new TestTarball(new GzipCompressorOutputStream(Files.newOutputStream(file)));
    }

    /** A GNU long-name entry of {@code bytes} bytes, as GNU tar writes before an entry with a long name. */
    TestTarball gnuLongName(int bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME);
        byte[] name = new byte[bytes];
        java.util.Arrays.fill(name, (byte) 'n');
        return put(entry, name);
    }

    TestTarball dir(String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(040000 | mode);
        return put(entry, null);
    }

    TestTarball file(String name, String content) throws IOException {
        return file(name, 0644, content);
    }

    TestTarball file(String name, int mode, String content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(0100000 | mode);
        return put(entry, content.getBytes(StandardCharsets.UTF_8));
    }

    TestTarball symlink(String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        return put(entry, null);
    }

    /** A hard link, a device or a FIFO: {@code flag} is the tar type flag. */
    TestTarball special(String name, byte flag, String linkTarget) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag);
        if (linkTarget != null) {
            entry.setLinkName(linkTarget);
        }
        return put(entry, null);
    }

    private TestTarball put(TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setModTime(MTIME);
        if (content != null) {
            entry.setSize(content.length);
        }
        tar.putArchiveEntry(entry);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
        return this;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
