package io.partnerid.core.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The materialized path of an organization: the ids from the root down to the organization itself, written
 * {@code /root/child/grandchild/}.
 *
 * <p>Immutable and thread-safe. Ancestry is a string prefix test, so {@link #isAncestorOrSelfOf(OrgPath)} costs
 * O(depth) and a subtree is one range scan in an index ordered by path ({@code path >= p AND path < p + '\uffff'}
 * or {@code LIKE 'p%'}).
 *
 * @param value the path, starting and ending with {@code /}
 */
public record OrgPath(String value) implements Comparable<OrgPath> {

    public OrgPath {
        Objects.requireNonNull(value, "value");
        if (value.length() < 3 || value.charAt(0) != '/' || value.charAt(value.length() - 1) != '/'
                || value.contains("//")) {
            throw new IllegalArgumentException("organization path must look like /a/b/: " + value);
        }
        for (String segment : value.substring(1, value.length() - 1).split("/", -1)) {
            new OrgId(segment); // validates every segment
        }
    }

    /** The path of a root organization. */
    public static OrgPath root(OrgId id) {
        return new OrgPath("/" + id.value() + "/");
    }

    /** The path of a child of this organization. */
    public OrgPath child(OrgId id) {
        return new OrgPath(value + id.value() + "/");
    }

    /** True when this path is {@code other} or one of its ancestors. O(depth). */
    public boolean isAncestorOrSelfOf(OrgPath other) {
        return other.value.startsWith(value);
    }

    /** True when this path is a strict ancestor of {@code other}. */
    public boolean isStrictAncestorOf(OrgPath other) {
        return other.value.length() > value.length() && other.value.startsWith(value);
    }

    /** The organization the path ends with. */
    public OrgId leaf() {
        int end = value.length() - 1;
        int start = value.lastIndexOf('/', end - 1) + 1;
        return new OrgId(value.substring(start, end));
    }

    /** The root organization of the path: the tenant. */
    public OrgId root() {
        return new OrgId(value.substring(1, value.indexOf('/', 1)));
    }

    /** The ids from the root to the leaf. */
    public List<OrgId> ids() {
        List<OrgId> ids = new ArrayList<>();
        for (String segment : value.substring(1, value.length() - 1).split("/")) {
            ids.add(new OrgId(segment));
        }
        return ids;
    }

    /** 1 for a root organization. */
    public int depth() {
        int depth = -1;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** Replaces the prefix {@code from} (an ancestor-or-self of this path) with {@code to}. */
    public OrgPath rebase(OrgPath from, OrgPath to) {
        if (!from.isAncestorOrSelfOf(this)) {
            throw new IllegalArgumentException(from + " is not a prefix of " + this);
        }
        return new OrgPath(to.value + value.substring(from.value.length()));
    }

    @Override
    public int compareTo(OrgPath o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
