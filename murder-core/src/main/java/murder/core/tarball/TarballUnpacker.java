package murder.core.tarball;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import murder.core.DirectoryTrees;
import murder.core.MurderException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a release tar.gz into an empty directory, durably: every file and directory is fsync'ed before this
 * returns, so the caller can rename the directory into place and swap a symlink to it. Entries that would land
 * outside the target (absolute names, {@code ..}, writing through a symlink) are refused.
 */
public final class TarballUnpacker {

    private TarballUnpacker() {
    }

    public static void unpack(Path tarball, Path targetDir) {
        read(tarball, targetDir);
    }

    /** Reads every entry without writing anything: a cheap check that a tarball is one we can unpack. */
    public static void validate(Path tarball) {
        read(tarball, null);
    }

    private static void read(Path tarball, Path targetDir) {
        List<Path> dirs = new ArrayList<>();
        List<TarArchiveEntry> dirEntries = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 1 << 20);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            Path root = targetDir == null ? Path.of("/nonexistent-root") : targetDir.toAbsolutePath();
            if (targetDir != null) {
                Files.createDirectories(root);
                dirs.add(root);
                dirEntries.add(null);
            }
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = safeTarget(root, entry.getName());
                if (targetDir == null) {
                    continue;
                }
                requireNoSymlinkOnTheWay(root, target.getParent(), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    dirs.add(target);
                    dirEntries.add(entry);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    writeFile(tar, target, entry);
                } else {
                    throw MurderException.badInput("tarball " + tarball + " has entry '" + entry.getName()
                            + "' that is neither a file, a directory nor a symlink");
                }
            }
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.BAD_INPUT, "cannot unpack " + tarball + ": "
                    + e.getMessage() + " (is it a .tar.gz?)", e);
        }
        try {
            // children first, so a read-only directory does not stop the fsync or mtime of what it holds
            for (int i = dirs.size() - 1; i >= 0; i--) {
                TarArchiveEntry entry = dirEntries.get(i);
                if (entry != null) {
                    Files.setPosixFilePermissions(dirs.get(i), FileModes.toPermissions(entry.getMode()));
                    Files.setLastModifiedTime(dirs.get(i), FileTime.from(entry.getModTime().toInstant()));
                }
                DirectoryTrees.fsyncDirectory(dirs.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish unpacking into " + targetDir, e);
        }
    }

    private static void writeFile(InputStream tar, Path target, TarArchiveEntry entry) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            tar.transferTo(Channels.newOutputStream(out));
            out.force(true);
        }
        Files.setPosixFilePermissions(target, FileModes.toPermissions(entry.getMode()));
        Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
    }

    private static Path safeTarget(Path root, String name) {
        Path target = root.resolve(name).normalize();
        if (name.startsWith("/") || !target.startsWith(root) || target.equals(root) && !isRootName(name)) {
            throw MurderException.badInput("refusing tarball entry '" + name + "': it would land outside the "
                    + "release directory");
        }
        return target;
    }

    private static boolean isRootName(String name) {
        return name.equals("./") || name.equals(".");
    }

    private static void requireNoSymlinkOnTheWay(Path root, Path dir, String name) {
        for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw MurderException.badInput("refusing tarball entry '" + name + "': it would be written "
                        + "through the symlink " + root.relativize(p));
            }
        }
    }
}
