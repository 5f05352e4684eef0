package murder.core.tarball;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tarball has made so far, as a tree of names: the one place that decides whether an entry may go where
 * it says. An entry may pass only through directories, and may name an existing path only if both are directories
 * (a later directory entry then gives its mode and mtime). So nothing is ever written through a symlink, and no
 * entry replaces another. Kept in memory so {@code validate} needs no disk; {@link UnpackLimits#maxEntries} bounds it.
 */
final class ReleaseTree {

    static final class Node {
        final String name;
        final EntryKind kind;
        private Map<String, Node> children;
        /** From the directory's own entry; implied parents keep the defaults the OS gives them. */
        boolean hasAttributes;
        int mode;
        long mtimeMillis;

        private Node(String name, EntryKind kind) {
            this.name = name;
            this.kind = kind;
        }

        Iterable<Node> children() {
            return children == null ? List.of() : children.values();
        }
    }

    /** Where an entry went: its node, and the directories created on the way, outermost first. */
    record Placement(Node node, List<List<String>> newDirectories, boolean created) {
    }

    private final Node root = new Node("", EntryKind.DIRECTORY);

    Node root() {
        return root;
    }

    Placement place(EntryPath path, EntryKind kind) {
        if (path.isRoot()) {
            if (kind != EntryKind.DIRECTORY) {
                throw new Refusal("entry '" + path.name() + "' is " + kind.description + " at the release root");
            }
            return new Placement(root, List.of(), false);
        }
        List<String> parts = path.components();
        List<List<String>> newDirectories = new ArrayList<>();
        Node dir = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            Node next = dir.children == null ? null : dir.children.get(parts.get(i));
            if (next == null) {
                next = add(dir, parts.get(i), EntryKind.DIRECTORY);
                newDirectories.add(parts.subList(0, i + 1));
            } else if (next.kind != EntryKind.DIRECTORY) {
                throw new Refusal("entry '" + path.name() + "' would be written through '"
                        + String.join("/", parts.subList(0, i + 1)) + "', which is " + next.kind.description
                        + " in this tarball");
            }
            dir = next;
        }
        String last = parts.get(parts.size() - 1);
        Node existing = dir.children == null ? null : dir.children.get(last);
        if (existing == null) {
            return new Placement(add(dir, last, kind), newDirectories, true);
        }
        if (existing.kind == EntryKind.DIRECTORY && kind == EntryKind.DIRECTORY) {
            return new Placement(existing, newDirectories, false);
        }
        throw new Refusal("entry '" + path.name() + "' (" + kind.description + ") names '" + String.join("/", parts)
                + "', which is already " + existing.kind.description + " in this tarball");
    }

    private static Node add(Node dir, String name, EntryKind kind) {
        if (dir.children == null) {
            dir.children = new HashMap<>();
        }
        Node node = new Node(name, kind);
        dir.children.put(name, node);
        return node;
    }
}
