package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import java.util.Optional;

/**
 * Durable storage of users.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryUserRepository}
 * (for tests and local development); JDBC implementations pass the same {@code UserRepositoryContract} from
 * {@code identity-testkit}. Keys: the id, and (pool, canonical username) which is unique. Lifecycle rules
 * (allowed status transitions, active organization) are checked by {@link UserService}. No credential is stored
 * here.
 *
 * <p>Optimistic concurrency: every update increments {@code version}; an update naming a stale version fails with
 * {@code store.conflict}, so a concurrent lock and disable never overwrite each other silently.
 */
public interface UserRepository {

    /**
     * Stores a new user; called when a user is created (by an administrator, an invitation or JIT provisioning).
     * The version must be 0. Not idempotent.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists or the pool already
     *     holds the username
     */
    void insert(User user);

    /**
     * Replaces the username, e-mail, display name and status of an existing user provided its stored version
     * equals {@code user.version()}; pool, home organization and creation time never change.
     *
     * @return the stored user with its version incremented
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the user does not exist, {@code store.duplicate} when a new username is taken in the pool
     */
    User update(User user);

    /** Looks a user up by id; empty when it does not exist. */
    Optional<User> findById(UserId id);

    /**
     * Looks a user up by canonical username within one pool (the comparison is exact: callers pass
     * {@link User#canonicalUsername(String)}); empty when the pool holds no such user.
     */
    Optional<User> findByUsername(PoolId poolId, String username);

    /** The users of one pool, ordered by id (binary order); the cursor is the last id of the page. */
    Page<User> findByPool(PoolId poolId, PageRequest page);
}
