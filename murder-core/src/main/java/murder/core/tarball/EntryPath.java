package murder.core.tarball;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry's name as path components below the release root: no absolute names, no {@code ..} (even one that
 * would stay inside), no NUL, within the path limits. {@code .} and empty components are dropped, so {@code ./a//b}
 * is {@code a/b} and {@code ./} is the root itself (no components).
 */
record EntryPath(String name, List<String> components) {

    /** Linux's NAME_MAX: a longer component cannot be created, so refuse it before writing anything. */
    static final int MAX_COMPONENT_BYTES = 255;

    static EntryPath parse(String name, UnpackLimits limits) {
        if (name.isEmpty()) {
            throw new Refusal("an entry has an empty name");
        }
        if (name.startsWith("/")) {
            throw new Refusal("entry '" + name + "' has an absolute path: it would land outside the release directory");
        }
        if (name.indexOf('\0') >= 0) {
            throw new Refusal("entry '" + name.replace('\0', '?') + "' has a NUL character in its name");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxPathBytes()) {
            throw new Refusal("entry '" + name.substring(0, Math.min(80, name.length())) + "...' has a path of " + bytes + " bytes, over the "
                    + "limit of " + limits.maxPathBytes() + " bytes (UnpackLimits.maxPathBytes)");
        }
        List<String> components = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new Refusal("entry '" + name + "' has a '..' in its path: it could land outside the release "
                        + "directory");
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
                throw new Refusal("entry '" + name + "' has a name longer than " + MAX_COMPONENT_BYTES
                        + " bytes, which no Linux file system can create");
            }
            components.add(part);
        }
        if (components.size() > limits.maxPathDepth()) {
            throw new Refusal("entry '" + name + "' is " + components.size() + " directories deep, over the limit "
                    + "of " + limits.maxPathDepth() + " (UnpackLimits.maxPathDepth)");
        }
        return new EntryPath(name, List.copyOf(components));
    }

    boolean isRoot() {
        return components.isEmpty();
    }
}
