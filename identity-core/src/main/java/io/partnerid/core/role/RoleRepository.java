package io.partnerid.core.role;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of role definitions.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryRoleRepository} (for
 * tests and local development); JDBC implementations pass the same {@code RoleRepositoryContract} from
 * {@code identity-testkit}. Keys: the id, and (organization, name) which is unique (exact, case-sensitive
 * comparison). Permissions are stored as a set: order and duplicates are not preserved.
 *
 * <p>Optimistic concurrency: every update increments {@code version}; a stale version fails with
 * {@code store.conflict}.
 */
public interface RoleRepository {

    /**
     * Stores a new role; called when a role is defined. The version must be 0. Not idempotent.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists or the organization
     *     already defines a role of that name
     */
    void insert(Role role);

    /**
     * Replaces the name, permissions and inheritability of an existing role provided its stored version equals
     * {@code role.version()}; organization and creation time never change.
     *
     * @return the stored role with its version incremented
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the role does not exist, {@code store.duplicate} when the new name is taken in the organization
     */
    Role update(Role role);

    /** Looks a role up by id; empty when it does not exist. */
    Optional<Role> findById(RoleId id);

    /** Looks a role up by its exact name within the organization that defines it; empty when there is none. */
    Optional<Role> findByName(OrgId orgId, String name);

    /** The roles defined at an organization, ordered by id (binary order); the cursor is the last id. */
    Page<Role> findByOrg(OrgId orgId, PageRequest page);
}
