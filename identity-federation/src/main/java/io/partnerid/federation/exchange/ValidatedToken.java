package io.partnerid.federation.exchange;

import io.partnerid.core.token.JwtClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * A subject or actor token after {@link TokenValidation}: signature, issuer, audience, lifetime and type checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param claims its claims
 * @param issuer its issuer
 * @param ours whether our own {@code AccessTokenService} issued it
 * @param trusted the policy's entry for the partner issuer; empty for our own tokens
 */
record ValidatedToken(JwtClaims claims, String issuer, boolean ours, Optional<TrustedIssuer> trusted) {

    ValidatedToken {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(trusted, "trusted");
    }
}
