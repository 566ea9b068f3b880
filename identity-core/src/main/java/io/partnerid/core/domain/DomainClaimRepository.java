package io.partnerid.core.domain;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of domain claims, keyed by (organization, domain).
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryDomainClaimRepository}
 * (for tests and local development) and a JDBC implementation; both pass {@code DomainClaimRepositoryContract} from
 * {@code identity-testkit}.
 *
 * <p>The one rule the repository itself enforces: <strong>at most one VERIFIED claim per domain</strong>, checked
 * atomically with the write (a partial unique index on the domain where the status is VERIFIED, in SQL), so that two
 * organizations verifying at the same moment cannot both win. Any number of organizations may hold PENDING claims on
 * a domain. Optimistic concurrency: every write increments {@code version}; a write naming a stale version fails.
 */
public interface DomainClaimRepository {

    /**
     * Stores a new claim, called when an organization claims a domain for the first time. Its version must be 0.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the organization already has a claim
     *     on the domain, or when the claim is VERIFIED and another organization holds a verified claim on the domain
     */
    void insert(DomainClaim claim);

    /**
     * Replaces a claim (new challenge, or verified), provided its stored version equals {@code claim.version()}.
     *
     * @return the stored claim with its new version
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when there is no such claim, {@code store.duplicate} when the claim becomes VERIFIED while another
     *     organization holds a verified claim on the domain
     */
    DomainClaim update(DomainClaim claim);

    /** The claim of {@code orgId} on {@code domain}; empty when it has none. */
    Optional<DomainClaim> find(OrgId orgId, DomainName domain);

    /**
     * The verified claim on {@code domain}, whoever holds it; empty when no organization has verified it. Called on
     * the routing path (home-realm discovery, provisioning): pending claims are never returned.
     */
    Optional<DomainClaim> findVerified(DomainName domain);

    /** The claims of {@code orgId} in any status, ordered by domain name; the cursor is the last domain name. */
    Page<DomainClaim> findByOrg(OrgId orgId, PageRequest page);

    /**
     * Deletes the claim of {@code orgId} on {@code domain}, called when an organization releases the domain.
     *
     * @return true when a claim was deleted, false when there was none
     */
    boolean delete(OrgId orgId, DomainName domain);
}
