package io.partnerid.core.token;

import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrganizationStatusCache;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link TokenStatusResolver} over the SDK's own stores, for resource servers that share the issuer's database:
 * revocation from the {@link RevokedTokenStore} (read on every call, no cache), organization status from an
 * {@link OrganizationStatusCache} over the shared {@code OrganizationRepository}.
 *
 * <p>Thread-safe. Revocation bound: a revocation committed by the issuer is honoured at the next verification; a
 * suspension within the status cache's bound, at most {@link OrganizationStatusCache#MAX_STALENESS_LIMIT} (one
 * second), which {@link #maxStaleness()} reports. Any failure of either store is {@code token.status_unavailable}:
 * the verifier then rejects (fail closed).
 *
 * <pre>{@code
 * TokenStatusResolver status = new SharedStoreTokenStatusResolver(new JdbcRevokedTokenStore(dataSource),
 *         OrganizationStatusCache.builder(new JdbcOrganizationRepository(dataSource), runtime).build(), runtime);
 * }</pre>
 */
public final class SharedStoreTokenStatusResolver implements TokenStatusResolver {

    private final RevokedTokenStore revocations;
    private final OrganizationStatusCache organizations;
    private final IdentityRuntime runtime;

    /**
     * A resolver over the shared stores.
     *
     * @param revocations the issuer's revocation store (the same table or service the issuer writes)
     * @param organizations a status cache over the issuer's organization repository; share this node's one
     * @param runtime the clock for revocation expiry
     */
    public SharedStoreTokenStatusResolver(RevokedTokenStore revocations, OrganizationStatusCache organizations,
                                          IdentityRuntime runtime) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public TokenStatus status(Query query) {
        Objects.requireNonNull(query, "query");
        try {
            if (revocations.isRevoked(query.jwtId(), query.org(), runtime.now())) {
                return TokenStatus.REVOKED;
            }
            return organizations.isActive(query.org()) ? TokenStatus.ACTIVE : TokenStatus.ORGANIZATION_NOT_ACTIVE;
        } catch (RuntimeException e) {
            throw new IdentityException(TokenErrors.STATUS_UNAVAILABLE, "The token cannot be validated now.",
                    "token status store failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** {@link OrganizationStatusCache#MAX_STALENESS_LIMIT}: revocations are read live, suspensions cached. */
    @Override
    public Duration maxStaleness() {
        return OrganizationStatusCache.MAX_STALENESS_LIMIT;
    }
}
