package io.partnerid.core.admin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The immutable identifier of an {@link Invitation}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the id, at most 64 characters from {@code [A-Za-z0-9_-]}
 */
public record InvitationId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public InvitationId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("id must match [A-Za-z0-9_-]{1,64}");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
