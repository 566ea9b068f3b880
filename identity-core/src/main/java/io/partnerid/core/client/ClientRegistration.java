package io.partnerid.core.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of registering a client or rotating its secret: the stored client and, for a confidential client,
 * the plaintext secret.
 *
 * <p>Immutable and thread-safe. The plaintext secret exists only in this object: hand it to the client's operator
 * once and drop it; the SDK keeps only its hash and can never show it again. {@link #toString()} redacts it, so a
 * registration that ends up in a log line leaks nothing.
 *
 * @param client the client as stored
 * @param plaintextSecret the new secret, for a confidential client
 */
public record ClientRegistration(ClientApplication client, Optional<String> plaintextSecret) {

    public ClientRegistration {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(plaintextSecret, "plaintextSecret");
    }

    @Override
    public String toString() {
        return "ClientRegistration[client=" + client + ", plaintextSecret="
                + (plaintextSecret.isPresent() ? "[redacted]" : "[none]") + "]";
    }
}
