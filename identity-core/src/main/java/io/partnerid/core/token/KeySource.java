package io.partnerid.core.token;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the {@link JwtValidator} takes candidate keys from: a configured key set, never the token.
 *
 * <p>Implementations must be thread-safe. Called once per validation, after the header checks and before the
 * signature check. An implementation backed by a remote JWKS may refetch on an unknown kid, rate-limited; it must
 * never fetch a URL named in the token.
 */
@FunctionalInterface
public interface KeySource {

    /**
     * The keys that may have signed a token; the validator keeps only those pinned to the header's algorithm and,
     * when the token names a kid, with that kid. An empty answer rejects the token as {@code UNKNOWN_KEY}.
     */
    List<VerificationKey> candidates(Query query);

    /** A fixed list of keys. */
    static KeySource of(List<VerificationKey> keys) {
        List<VerificationKey> copy = List.copyOf(keys);
        return query -> copy;
    }

    /**
     * What the validator knows when it asks for keys.
     *
     * @param kid the header's {@code kid}, an opaque string (never a path, URL or query)
     * @param algorithm the header's algorithm, already checked against the allowed set
     * @param unverifiedClaims the claims before the signature is checked: only for choosing a key set (for example
     *     by organization); the chosen keys must then verify the signature
     */
    record Query(Optional<String> kid, SigningAlgorithm algorithm, JwtClaims unverifiedClaims) {
        public Query {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(unverifiedClaims, "unverifiedClaims");
        }
    }
}
