package io.partnerid.core.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The public description of a signing key, without any private material.
 *
 * <p>Immutable and thread-safe.
 *
 * @param keySet its key set
 * @param kid its key id
 * @param algorithm the algorithm it is pinned to
 * @param status its rotation state
 * @param createdAt when it was generated
 * @param retiredAt when it stopped signing, for retired keys
 */
public record SigningKeyInfo(KeySetId keySet, String kid, SigningAlgorithm algorithm, KeyStatus status,
                             Instant createdAt, Optional<Instant> retiredAt) {

    public SigningKeyInfo {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    static SigningKeyInfo of(SigningKey key) {
        return new SigningKeyInfo(key.keySet(), key.kid(), key.algorithm(), key.status(), key.createdAt(),
                key.retiredAt());
    }
}
