package io.partnerid.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed access token and the facts about it a caller needs to answer a token request.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the token.
 *
 * @param value the compact JWS
 * @param jwtId its {@code jti}
 * @param keyId the kid of the key that signed it
 * @param issuedAt its {@code iat}
 * @param expiresAt its {@code exp}
 */
public record IssuedToken(String value, String jwtId, String keyId, Instant issuedAt, Instant expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Seconds until expiry at issuance, for {@code expires_in}. */
    public long expiresInSeconds() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }

    @Override
    public String toString() {
        return "IssuedToken[jti=" + jwtId + ", kid=" + keyId + ", exp=" + expiresAt + "]";
    }
}
