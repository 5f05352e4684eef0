package murder.core.tarball;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Converts between POSIX permission sets and the octal mode bits stored in tar headers. */
final class FileModes {

    private static final PosixFilePermission[] ORDER = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private FileModes() {
    }

    static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < ORDER.length; bit++) {
            if (permissions.contains(ORDER[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    /** The rwx bits only: setuid, setgid and sticky from a tarball are never applied, nor file-type bits. */
    static int permissionBits(int mode) {
        return mode & 0777;
    }

    static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < ORDER.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(ORDER[bit]);
            }
        }
        return permissions;
    }
}
