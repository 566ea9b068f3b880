package io.partnerid.core.token;

import io.partnerid.core.org.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Read-only look-up of a verified access token's live status (revocation and organization status) for a
 * {@link ResourceServerVerifier}: the part of verification that the token itself cannot prove.
 *
 * <p>Implementations must be thread-safe. The SDK ships {@link SharedStoreTokenStatusResolver} (for resource servers
 * that share the issuer's database) and {@link IntrospectionTokenStatusResolver} (RFC 7662, for resource servers that
 * only reach the issuer over HTTP); both pass {@code TokenStatusResolverContract} from {@code identity-testkit}.
 */
public interface TokenStatusResolver {

    /**
     * The token's status. Called by {@link ResourceServerVerifier#verify} on every verification, only after the
     * signature, {@code typ}, {@code iss}, {@code aud}, {@code exp}/{@code nbf}/{@code iat} and the required claims
     * have been verified, so every field of {@code query} comes from a token the issuer signed. An answer may be
     * cached for at most {@link #maxStaleness()}.
     *
     * @return never {@code null}; an unknown organization is {@link TokenStatus#ORGANIZATION_NOT_ACTIVE} (or
     *     {@link TokenStatus#INACTIVE} when the source cannot tell why)
     * @throws io.partnerid.core.IdentityException {@code token.status_unavailable} when the status source cannot
     *     answer (unreachable, failing, or an answer it cannot read); the verifier then rejects the token (fail
     *     closed) and so it does for any other exception
     */
    TokenStatus status(Query query);

    /**
     * The longest time after a revocation or suspension is committed at the source during which this resolver may
     * still answer {@link TokenStatus#ACTIVE} (its caches): the revocation bound of a verifier using it. Zero when
     * every call reads the source. At most 30 seconds for the SDK's implementations.
     */
    Duration maxStaleness();

    /**
     * What the verifier asks about.
     *
     * @param org the token's organization ({@code org_id}), the tenant of the look-up
     * @param jwtId the token's {@code jti}
     * @param expiresAt the token's {@code exp}; an answer is never useful after it
     * @param token the compact token itself, for resolvers that must present it (introspection); never log or
     *     store it ({@link #toString()} leaves it out)
     */
    record Query(OrgId org, String jwtId, Instant expiresAt, String token) {
        public Query {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(jwtId, "jwtId");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(token, "token");
        }

        /** The organization and token id only: the token is a bearer credential. */
        @Override
        public String toString() {
            return "Query[org=" + org + ", jwtId=" + jwtId + ", expiresAt=" + expiresAt + "]";
        }
    }
}
