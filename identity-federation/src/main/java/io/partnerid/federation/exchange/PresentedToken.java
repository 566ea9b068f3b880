package io.partnerid.federation.exchange;

import java.util.Objects;

/**
 * A subject or actor token as the client presented it, with its declared type.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the token.
 *
 * @param value the token
 * @param type its declared type ({@code subject_token_type} / {@code actor_token_type})
 */
record PresentedToken(String value, TokenType type) {

    PresentedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return "PresentedToken[type=" + type + "]";
    }
}
