package murder.core;

import java.util.regex.Pattern;

/** Validation of the names that end up in paths, URLs and SQL: release ids, tags and host names. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    public static String requireReleaseId(String id) {
        return require("release id", id);
    }

    public static String requireTag(String tag) {
        return require("tag", tag);
    }

    public static String requireHost(String host) {
        return require("host name", host);
    }

    private static String require(String what, String value) {
        if (!isValid(value)) {
            throw MurderException.badInput("invalid " + what + " '" + value + "': use 1 to 128 of the characters "
                    + "A-Z a-z 0-9 . _ - (and not '.' or '..')");
        }
        return value;
    }
}
