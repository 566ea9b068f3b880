package io.partnerid.core.role;

import io.partnerid.core.IdFormat;
import java.util.Objects;

/**
 * The immutable identifier of a role.
 *
 * <p>Immutable and thread-safe. At most 64 characters from {@code [A-Za-z0-9_-]} (the rules of
 * {@link io.partnerid.core.org.OrgId}); ids order by their binary (UTF-16 code unit, equal to ASCII) order, which
 * is the order of every listing keyed by them.
 *
 * @param value the id
 */
public record RoleId(String value) implements Comparable<RoleId> {

    public RoleId {
        Objects.requireNonNull(value, "value");
        IdFormat.check(value, "RoleId");
    }

    /** Wraps {@code value}, validating it. */
    public static RoleId of(String value) {
        return new RoleId(value);
    }

    @Override
    public int compareTo(RoleId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
