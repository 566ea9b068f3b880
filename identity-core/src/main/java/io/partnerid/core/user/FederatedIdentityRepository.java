package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import java.util.Optional;

/**
 * Durable storage of federated identity links, keyed by (issuer, subject).
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships
 * {@link InMemoryFederatedIdentityRepository} (for tests and local development); JDBC implementations pass the same
 * {@code FederatedIdentityRepositoryContract} from {@code identity-testkit}. The pair (issuer, subject) is unique
 * across the deployment and compared exactly (case-sensitive); it is never replaced by an e-mail address. Links are
 * immutable: they are inserted and deleted, never updated.
 */
public interface FederatedIdentityRepository {

    /**
     * Stores a new link; called when a user links an external identity or when JIT provisioning creates a user.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when (issuer, subject) is already linked,
     *     to this or any other user
     */
    void insert(FederatedIdentity link);

    /**
     * Removes the link of (issuer, subject); called when a user or administrator unlinks it.
     *
     * @return true when a link was removed, false when there was none
     */
    boolean delete(String issuer, String subject);

    /** Looks the link of (issuer, subject) up, by exact comparison; empty when there is none. */
    Optional<FederatedIdentity> find(String issuer, String subject);

    /**
     * The links of one user, ordered by issuer then subject (binary UTF-16 order, {@code COLLATE "C"} in
     * PostgreSQL); the cursor is opaque and only meaningful to the same implementation.
     */
    Page<FederatedIdentity> findByUser(UserId userId, PageRequest page);

    /**
     * Removes every link of a user; called when a user is deleted or its links are reset.
     *
     * @return the number of links removed
     */
    int deleteByUser(UserId userId);
}
