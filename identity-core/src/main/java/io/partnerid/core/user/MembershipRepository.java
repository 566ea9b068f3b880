package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of explicit memberships of users in organizations other than their home organization.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryMembershipRepository}
 * (for tests and local development); JDBC implementations pass the same {@code MembershipRepositoryContract} from
 * {@code identity-testkit}. (user, organization) is unique. Memberships are inserted and deleted, never updated.
 */
public interface MembershipRepository {

    /**
     * Stores a new membership; called when an administrator adds a user to another organization or an invitation
     * is accepted.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the user is already a member
     */
    void insert(Membership membership);

    /**
     * Removes the membership of {@code userId} in {@code orgId}.
     *
     * @return true when a membership was removed, false when there was none
     */
    boolean delete(UserId userId, OrgId orgId);

    /** The membership of {@code userId} in {@code orgId}; empty when the user is not a member. */
    Optional<Membership> find(UserId userId, OrgId orgId);

    /** The memberships of one user, ordered by organization id (binary order); the cursor is the last org id. */
    Page<Membership> findByUser(UserId userId, PageRequest page);

    /** The memberships in one organization, ordered by user id (binary order); the cursor is the last user id. */
    Page<Membership> findByOrg(OrgId orgId, PageRequest page);
}
