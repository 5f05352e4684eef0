package murder.core.tarball;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import murder.core.MurderException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs a directory into a tar.gz whose root is the directory's contents. Regular files, directories and symlinks
 * (not followed) keep their permission bits and mtimes; entries are sorted so the same tree packs the same way.
 */
public final class TarballPacker {

    private TarballPacker() {
    }

    public static void pack(Path sourceDir, Path tarball) {
        if (!Files.isDirectory(sourceDir)) {
            throw MurderException.badInput("cannot pack " + sourceDir + ": not a directory");
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(sourceDir)) {
            entries = walk.filter(p -> !p.equals(sourceDir)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sourceDir, e);
        }
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(1); // deploys are time-critical; level 1 is ~4x faster than 6 for ~10% more bytes
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tarball), 1 << 20);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path path : entries) {
                addEntry(tar, sourceDir, path);
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + sourceDir + " into " + tarball + ": " + e.getMessage(), e);
        }
    }

    private static void addEntry(TarArchiveOutputStream tar, Path root, Path path) throws IOException {
        String name = root.relativize(path).toString();
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry entry;
        if (attrs.isSymbolicLink()) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (attrs.isDirectory()) {
            entry = new TarArchiveEntry(name + "/");
        } else if (attrs.isRegularFile()) {
            entry = new TarArchiveEntry(name);
            entry.setSize(attrs.size());
        } else {
            throw MurderException.badInput("cannot pack " + path + ": only regular files, directories and "
                    + "symlinks can be deployed (this is a device, socket or pipe)");
        }
        entry.setMode(FileModes.toMode(attrs.permissions()) | typeBits(attrs));
        entry.setModTime(attrs.lastModifiedTime());
        tar.putArchiveEntry(entry);
        if (attrs.isRegularFile()) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    private static int typeBits(PosixFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return 0120000;
        }
        return attrs.isDirectory() ? 040000 : 0100000;
    }
}
