package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of identity pools.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships
 * {@link InMemoryIdentityPoolRepository} (for tests and local development); JDBC implementations pass the same
 * {@code IdentityPoolRepositoryContract} from {@code identity-testkit}. Domain rules (the organization exists and is
 * active) are checked by {@link UserService}; the repository stores what it is given.
 *
 * <p>Optimistic concurrency: every write that changes a pool increments its {@code version}; a write naming a stale
 * version fails with {@code store.conflict}.
 */
public interface IdentityPoolRepository {

    /**
     * Stores a new pool; called when a pool is created. The version must be 0. Not idempotent.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists
     */
    void insert(IdentityPool pool);

    /**
     * Replaces the name of an existing pool provided its stored version equals {@code pool.version()}; the
     * organization and creation time never change.
     *
     * @return the stored pool with its version incremented
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the pool does not exist
     */
    IdentityPool update(IdentityPool pool);

    /** Looks a pool up by id; empty when it does not exist. */
    Optional<IdentityPool> findById(PoolId id);

    /** The pools of {@code orgId}, ordered by id (binary order); the cursor is the last id of the page. */
    Page<IdentityPool> findByOrg(OrgId orgId, PageRequest page);
}
