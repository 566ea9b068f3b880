package io.partnerid.core.group;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of groups and of the direct memberships of users in groups.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryGroupRepository}
 * (for tests and local development); JDBC implementations pass the same {@code GroupRepositoryContract} from
 * {@code identity-testkit}. Domain rules (a parent belongs to the same organization, no cycles, members are
 * affiliated with the organization) are checked by {@link GroupService}; the repository offers
 * {@link #move(Group, List)} so that the cycle check cannot be raced.
 *
 * <p>Optimistic concurrency: every write that changes a group increments its {@code version}; a write naming a stale
 * version fails with {@code store.conflict}.
 */
public interface GroupRepository {

    /**
     * Stores a new group; called when a group is created. The version must be 0. Not idempotent.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists
     */
    void insert(Group group);

    /**
     * Replaces the name of an existing group provided its stored version equals {@code group.version()}; the
     * parent changes only through {@link #move}, organization and creation time never.
     *
     * @return the stored group with its version incremented
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the group does not exist
     */
    Group update(Group group);

    /**
     * Gives an existing group a new parent ({@code moved.parent()}), atomically checking that the moved group and
     * every group of {@code newAncestry} (the new parent and its ancestors, as the caller read them to rule out a
     * cycle) still have the versions the caller read. Only the moved group's version is incremented. Two concurrent
     * moves that would together form a cycle can therefore not both succeed: JDBC implementations lock the
     * ancestry rows (for example {@code SELECT … FOR SHARE}) in the same transaction.
     *
     * @return the stored group with its version incremented
     * @throws io.partnerid.core.IdentityException {@code store.conflict} when any version is stale or a group of the
     *     ancestry has disappeared, {@code store.missing} when the moved group does not exist
     */
    Group move(Group moved, List<Group> newAncestry);

    /** Looks a group up by id; empty when it does not exist. */
    Optional<Group> findById(GroupId id);

    /** The groups of an organization at every level, ordered by id (binary order); the cursor is the last id. */
    Page<Group> findByOrg(OrgId orgId, PageRequest page);

    /** The direct children of a group, ordered by id (binary order); the cursor is the last id. */
    Page<Group> findChildren(GroupId parent, PageRequest page);

    /**
     * Stores a direct membership; called when a user is added to a group.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the user is already a direct member
     */
    void addMember(GroupMembership membership);

    /**
     * Removes a direct membership.
     *
     * @return true when a membership was removed, false when there was none
     */
    boolean removeMember(GroupId groupId, UserId userId);

    /** The direct membership of a user in a group; empty when the user is not a direct member. */
    Optional<GroupMembership> findMember(GroupId groupId, UserId userId);

    /** The direct members of a group, ordered by user id (binary order); the cursor is the last user id. */
    Page<GroupMembership> findMembers(GroupId groupId, PageRequest page);

    /** The direct memberships of a user, ordered by group id (binary order); the cursor is the last group id. */
    Page<GroupMembership> findGroupsOf(UserId userId, PageRequest page);
}
