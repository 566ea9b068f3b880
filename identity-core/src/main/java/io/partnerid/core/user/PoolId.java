package io.partnerid.core.user;

import io.partnerid.core.IdFormat;
import java.util.Objects;

/**
 * The immutable identifier of an identity pool.
 *
 * <p>Immutable and thread-safe. At most 64 characters from {@code [A-Za-z0-9_-]} (the rules of
 * {@link io.partnerid.core.org.OrgId}); ids order by their binary (UTF-16 code unit, equal to ASCII) order, which
 * is the order of every listing keyed by them.
 *
 * @param value the id
 */
public record PoolId(String value) implements Comparable<PoolId> {

    public PoolId {
        Objects.requireNonNull(value, "value");
        IdFormat.check(value, "PoolId");
    }

    /** Wraps {@code value}, validating it. */
    public static PoolId of(String value) {
        return new PoolId(value);
    }

    @Override
    public int compareTo(PoolId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
