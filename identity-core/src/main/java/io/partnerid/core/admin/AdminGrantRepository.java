package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of admin grants.
 *
 * <p>Implementations must be thread-safe. Grants are immutable: they are inserted and deleted, never updated. The
 * SDK reads {@link #findByPrincipal} on every administrative operation, so implementations index the principal.
 */
public interface AdminGrantRepository {

    /**
     * Stores a new grant.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists
     */
    void insert(AdminGrant grant);

    /** Deletes a grant; returns false when it did not exist. */
    boolean delete(AdminGrantId id);

    /** Looks a grant up; empty when it does not exist. */
    Optional<AdminGrant> findById(AdminGrantId id);

    /**
     * Every grant of a principal. A principal holds few grants (bounded by the number of organizations it
     * administers), so this listing is not paged; implementations may cap it and must document the cap.
     */
    List<AdminGrant> findByPrincipal(Actor principal);

    /** The grants whose scope is {@code scope}, ordered by id; the cursor is the last id. */
    Page<AdminGrant> findByScope(OrgId scope, PageRequest page);
}
