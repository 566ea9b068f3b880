package io.partnerid.core.token;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a token: verified with its claims, or rejected with a reason.
 *
 * <p>Immutable and thread-safe. A rejection is an expected outcome, not an exception; render it with
 * {@link RejectionReason#CLIENT_DESCRIPTION} only.
 */
public sealed interface TokenVerification permits TokenVerification.Verified, TokenVerification.Rejected {

    /** True for {@link Verified}. */
    default boolean isVerified() {
        return this instanceof Verified;
    }

    /** The claims when verified. */
    default Optional<JwtClaims> verifiedClaims() {
        return this instanceof Verified v ? Optional.of(v.claims()) : Optional.empty();
    }

    /**
     * The token verified.
     *
     * @param claims its claims
     * @param algorithm the algorithm of the key that verified it
     * @param keyId that key's id, if it has one
     */
    record Verified(JwtClaims claims, SigningAlgorithm algorithm, Optional<String> keyId)
            implements TokenVerification {
        public Verified {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /**
     * The token was rejected.
     *
     * @param reason why (for logs and audit, never for the client)
     */
    record Rejected(RejectionReason reason) implements TokenVerification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
