package io.partnerid.core.org;

import io.partnerid.core.IdFormat;
import java.util.Objects;

/**
 * The immutable identifier of an organization.
 *
 * <p>Immutable and thread-safe. At most 64 characters from {@code [A-Za-z0-9_-]}, so that ids can be joined into a
 * {@link OrgPath} without escaping.
 *
 * @param value the id
 */
public record OrgId(String value) implements Comparable<OrgId> {

    public OrgId {
        Objects.requireNonNull(value, "value");
        IdFormat.check(value, "organization id");
    }

    public static OrgId of(String value) {
        return new OrgId(value);
    }

    @Override
    public int compareTo(OrgId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
