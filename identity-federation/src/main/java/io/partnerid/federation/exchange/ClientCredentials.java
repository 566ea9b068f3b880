package io.partnerid.federation.exchange;

import java.util.Objects;
import java.util.Optional;

/**
 * The credentials the HTTP layer extracted from a token request (HTTP Basic or {@code client_secret_post}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the secret.
 *
 * @param clientId the client id
 * @param secret the client secret, absent for clients authenticated otherwise (mTLS, private_key_jwt) by the host
 */
public record ClientCredentials(String clientId, Optional<String> secret) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        if (clientId.isBlank() || clientId.length() > 256) {
            throw new IllegalArgumentException("client id must have 1 to 256 characters");
        }
    }

    public static ClientCredentials of(String clientId, String secret) {
        return new ClientCredentials(clientId, Optional.of(secret));
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + "]";
    }
}
