package io.partnerid.core.client;

import io.partnerid.core.IdFormat;
import java.util.Objects;

/**
 * The immutable identifier of a client application.
 *
 * <p>Immutable and thread-safe. At most 64 characters from {@code [A-Za-z0-9_-]} (the rules of
 * {@link io.partnerid.core.org.OrgId}); ids order by their binary (UTF-16 code unit, equal to ASCII) order, which
 * is the order of every listing keyed by them.
 *
 * @param value the id
 */
public record ClientId(String value) implements Comparable<ClientId> {

    public ClientId {
        Objects.requireNonNull(value, "value");
        IdFormat.check(value, "ClientId");
    }

    /** Wraps {@code value}, validating it. */
    public static ClientId of(String value) {
        return new ClientId(value);
    }

    @Override
    public int compareTo(ClientId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
