package murder.core.tarball;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The three kinds of entry a release may hold. Decided from the tar type flag itself: Commons Compress's
 * {@code isFile()} is also true for hard links, devices and FIFOs, which must not become empty files.
 */
enum EntryKind {
    FILE("a file"), DIRECTORY("a directory"), SYMLINK("a symlink");

    final String description;

    EntryKind(String description) {
        this.description = description;
    }

    static EntryKind of(TarArchiveEntry entry, String name) {
        byte flag = entry.getLinkFlag();
        if (entry.isSparse()) {
            throw refused(name, "a sparse file");
        }
        EntryKind kind = switch (flag) {
            case TarConstants.LF_DIR -> DIRECTORY;
            case TarConstants.LF_SYMLINK -> SYMLINK;
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG ->
                    entry.getName().endsWith("/") ? DIRECTORY : FILE;
            case TarConstants.LF_LINK -> throw refused(name, "a hard link to '" + entry.getLinkName() + "'");
            case TarConstants.LF_CHR -> throw refused(name, "a character device");
            case TarConstants.LF_BLK -> throw refused(name, "a block device");
            case TarConstants.LF_FIFO -> throw refused(name, "a FIFO (named pipe)");
            default -> throw refused(name, "of tar type '" + printable(flag) + "'");
        };
        if (kind != FILE && entry.getSize() != 0) {
            throw new Refusal("entry '" + name + "' is " + kind.description + " but carries "
                    + entry.getSize() + " bytes of data");
        }
        return kind;
    }

    private static Refusal refused(String name, String what) {
        return new Refusal("entry '" + name + "' is " + what + ": a release may hold only regular files, "
                + "directories and symlinks (hard links: re-pack with GNU tar --hard-dereference, or give "
                + "murder deploy the directory, which packs each hard link as a file of its own)");
    }

    private static String printable(byte flag) {
        return flag >= 0x21 && flag < 0x7f ? String.valueOf((char) flag) : String.format("\\x%02x", flag & 0xff);
    }
}
