package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of federated identity links, keyed by (tenant, issuer, subject).
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships
 * {@link InMemoryFederatedIdentityRepository} (for tests and local development) and
 * {@link JdbcFederatedIdentityRepository}; both pass the same {@code FederatedIdentityRepositoryContract} from
 * {@code identity-testkit}. The key is scoped by the tenant (the root organization of the linked user's tree): the
 * pair (issuer, subject) is unique within a tenant, compared exactly (case-sensitive), never replaced by an e-mail
 * address, and the same pair may be linked once in each tenant. Every look-up names its tenant, so a tenant never
 * reads, takes or removes another tenant's link. Links are immutable: they are inserted and deleted, never updated.
 * Nothing here is secret; no value needs hashing.
 */
public interface FederatedIdentityRepository {

    /**
     * Stores a new link under ({@link FederatedIdentity#tenant()}, issuer, subject); called when an administrator
     * links an external identity to a user (or JIT provisioning creates one). Not idempotent: a second insert of the
     * same key is refused, also when it is concurrent (of two racing inserts exactly one succeeds).
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when (tenant, issuer, subject) is already
     *     linked, to this or any other user of the tenant
     */
    void insert(FederatedIdentity link);

    /**
     * Removes the link of (issuer, subject) in {@code tenant}; called when a user or administrator unlinks it. Links
     * of other tenants with the same pair are untouched.
     *
     * @return true when a link was removed, false when there was none
     */
    boolean delete(OrgId tenant, String issuer, String subject);

    /**
     * Looks the link of (issuer, subject) in {@code tenant} up, by exact comparison; called on every federated login.
     * Empty when the tenant has no such link, whatever other tenants hold.
     */
    Optional<FederatedIdentity> find(OrgId tenant, String issuer, String subject);

    /**
     * The links of one user, ordered by issuer, then subject, then tenant (binary UTF-16 order, {@code COLLATE "C"}
     * in PostgreSQL); the cursor is opaque and only meaningful to the same implementation. (A user normally has links
     * in one tenant only; a user whose organization moved to another tenant keeps its earlier links under the old
     * tenant.)
     */
    Page<FederatedIdentity> findByUser(UserId userId, PageRequest page);

    /**
     * Removes every link of a user, in every tenant; called when a user is deleted or its links are reset.
     *
     * @return the number of links removed
     */
    int deleteByUser(UserId userId);
}
