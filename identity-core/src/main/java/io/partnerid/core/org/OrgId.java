package io.partnerid.core.org;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The immutable identifier of an organization.
 *
 * <p>Immutable and thread-safe. At most 64 characters from {@code [A-Za-z0-9_-]}, so that ids can be joined into a
 * {@link OrgPath} without escaping.
 *
 * @param value the id
 */
public record OrgId(String value) implements Comparable<OrgId> {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OrgId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("organization id must match [A-Za-z0-9_-]{1,64}");
        }
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
