package io.partnerid.core.admin;

import io.partnerid.core.IdFormat;
import java.util.Objects;

/**
 * The immutable identifier of an {@link AdminGrant}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the id, at most 64 characters from {@code [A-Za-z0-9_-]}
 */
public record AdminGrantId(String value) {

    public AdminGrantId {
        Objects.requireNonNull(value, "value");
        IdFormat.check(value, "admin grant id");
    }

    @Override
    public String toString() {
        return value;
    }
}
