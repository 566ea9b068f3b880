package io.partnerid.core.group;

import io.partnerid.core.IdFormat;
import java.util.Objects;

/**
 * The immutable identifier of a group.
 *
 * <p>Immutable and thread-safe. At most 64 characters from {@code [A-Za-z0-9_-]} (the rules of
 * {@link io.partnerid.core.org.OrgId}); ids order by their binary (UTF-16 code unit, equal to ASCII) order, which
 * is the order of every listing keyed by them.
 *
 * @param value the id
 */
public record GroupId(String value) implements Comparable<GroupId> {

    public GroupId {
        Objects.requireNonNull(value, "value");
        IdFormat.check(value, "GroupId");
    }

    /** Wraps {@code value}, validating it. */
    public static GroupId of(String value) {
        return new GroupId(value);
    }

    @Override
    public int compareTo(GroupId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
