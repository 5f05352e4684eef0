package murder.core.tarball;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes what {@link ReleaseTree} admitted into an empty directory, never following a symlink: files are created
 * with {@code O_CREAT|O_EXCL|O_NOFOLLOW}, modes and mtimes are set on the path itself ({@code NOFOLLOW_LINKS}),
 * and only below the root. Every I/O error leaves as a {@link WriteFailure} naming the path.
 */
final class ReleaseDirWriter {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;
    private final byte[] buffer = new byte[256 * 1024];

    private ReleaseDirWriter(Path root) {
        this.root = root;
    }

    /** Creates {@code dir} if needed; it must be a real, empty directory. */
    static ReleaseDirWriter into(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            if (!Files.isDirectory(root, NOFOLLOW)) {
                throw new IOException("not a directory (or a symlink to one)");
            }
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("not empty: a release is unpacked only into an empty directory");
                }
            }
        } catch (IOException e) {
            throw new WriteFailure(root, e);
        }
        return new ReleaseDirWriter(root);
    }

    Path root() {
        return root;
    }

    Path resolve(List<String> components) {
        Path path = root;
        for (String part : components) {
            path = path.resolve(part);
        }
        if (!path.normalize().startsWith(root)) {
            throw new IllegalStateException(path + " is outside " + root); // EntryPath makes this impossible
        }
        return path;
    }

    void mkdir(List<String> components) {
        Path dir = resolve(components);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new WriteFailure(dir, e);
        }
    }

    void symlink(List<String> components, String target) {
        Path link = resolve(components);
        try {
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new WriteFailure(link, e);
        }
    }

    /**
     * Copies {@code size} bytes of {@code content} into a new file, counting them in {@code budget} before each
     * write. {@code content} must throw only {@link ReadError}s; any other I/O error is one of writing.
     */
    void file(List<String> components, InputStream content, UnpackBudget budget, String name, int mode,
              long mtimeMillis) throws IOException {
        Path file = resolve(components);
        FileChannel out = open(file);
        boolean written = false;
        try {
            int n;
            while ((n = content.read(buffer)) > 0) {
                budget.wrote(n, name);
                write(out, file, n);
            }
            out.force(true);
            written = true;
        } catch (IOException e) {
            if (e instanceof ReadError) {
                throw e;
            }
            throw new WriteFailure(file, e);
        } finally {
            close(out, file, written);
        }
        setAttributes(file, mode, mtimeMillis);
    }

    /** Children first, so a read-only directory does not stop its contents' fsync, then the directory's own. */
    void finish(ReleaseTree.Node dir, Path path) {
        for (ReleaseTree.Node child : dir.children()) {
            if (child.kind == EntryKind.DIRECTORY) {
                finish(child, path.resolve(child.name));
            }
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, NOFOLLOW)) {
            if (dir.hasAttributes) {
                setAttributes(path, dir.mode, dir.mtimeMillis);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new WriteFailure(path, e);
        }
    }

    /** Mode (permission bits only: setuid, setgid and sticky are dropped) and mtime, on the path, not a link target. */
    static void setAttributes(Path path, int mode, long mtimeMillis) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
        try {
            view.setTimes(FileTime.fromMillis(mtimeMillis), null, null);
            view.setPermissions(FileModes.toPermissions(FileModes.permissionBits(mode)));
        } catch (IOException e) {
            throw new WriteFailure(path, e);
        }
    }

    private FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW);
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
    }

    private void write(FileChannel out, Path file, int length) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
        try {
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
    }

    private static void close(FileChannel out, Path file, boolean report) {
        try {
            out.close();
        } catch (IOException e) {
            if (report) {
                throw new WriteFailure(file, e);
            }
        }
    }
}
