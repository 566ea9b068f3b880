package io.partnerid.core.token;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Short-lived token state: the ids ({@code jti}) of tokens the SDK issued, per organization, and which of them are
 * revoked. Entries live until the token's expiry and may be purged after it.
 *
 * <p>Every record is keyed by organization <em>and</em> token id: a revocation requested for organization Y never
 * affects a token recorded for organization X, even one with the same id, and the store answers it exactly as it
 * answers an id it has never seen (it records a revocation of that id for Y), so an organization cannot learn through
 * revocation whether another organization's token id exists.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryRevokedTokenStore}
 * (bounded, for tests and local development) and a JDBC implementation; both pass
 * {@code RevokedTokenStoreContract} from {@code identity-testkit}. A store must fail closed: when it cannot record a
 * revocation it throws, it never forgets one before the token's expiry. Token ids are random and not secret; tokens
 * themselves are never stored.
 */
public interface RevokedTokenStore {

    /**
     * Records an issued token so that the kill switch can revoke it by organization; called by
     * {@link AccessTokenService#issue} after signing. Idempotent. A bounded store may drop the records that expire
     * soonest when full (organization status is still checked on every verification).
     */
    void recordIssued(String jti, OrgId org, Instant expiresAt);

    /**
     * Revokes the token {@code jti} of {@code org} until {@code expiresAt} (the later expiry wins when it is already
     * recorded); called by {@link AccessTokenService#revoke}. Idempotent. A record of the same id for another
     * organization is left untouched; the revocation is recorded for {@code org} as if the id were unknown.
     *
     * @return true when the id was not revoked for {@code org} before
     * @throws io.partnerid.core.IdentityException {@code token.revocation_store_full} when a bounded store is full
     *     of unexpired revocations
     */
    boolean revoke(String jti, OrgId org, Instant expiresAt);

    /**
     * Whether the token {@code jti} of {@code org} is revoked and not yet expired at {@code now}; called on every
     * verification with the token's verified {@code org_id}. A revocation recorded for another organization does not
     * count.
     */
    boolean isRevoked(String jti, OrgId org, Instant now);

    /**
     * Revokes every recorded, unexpired, not yet revoked token of the given organizations; called by the kill switch.
     *
     * @return the ids revoked by this call
     */
    List<String> revokeAllOf(Set<OrgId> orgs, Instant now);

    /** Deletes the records of tokens that expired before {@code now}; called periodically by the host. */
    int purgeExpired(Instant now);
}
