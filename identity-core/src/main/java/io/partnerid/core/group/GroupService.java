package io.partnerid.core.group;

import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups nested inside one organization, and the users who belong to them.
 *
 * <p>Thread-safe: state lives in the {@link GroupRepository}; moves check for cycles and then store the move with
 * {@link GroupRepository#move}, which re-checks the versions of the whole new ancestry atomically, so two
 * concurrent moves can never form a cycle. This is the <em>unchecked</em> domain service (no acting principal, no
 * audit); applications administer groups through the delegated administration façade.
 *
 * <pre>{@code
 * GroupService groups = new GroupService(new InMemoryGroupRepository(), users, organizations, runtime);
 * Group traders = groups.createGroup(acme.id(), "Traders", Optional.empty());
 * Group fx = groups.createGroup(acme.id(), "FX traders", Optional.of(traders.id()));
 * groups.addMember(fx.id(), alice.id());
 * groups.effectiveGroups(alice.id()); // {fx, traders}
 * }</pre>
 */
public final class GroupService {

    private static final int SCAN_PAGE = PageRequest.MAX_LIMIT;

    private final GroupRepository groups;
    private final UserService users;
    private final OrganizationService organizations;
    private final IdentityRuntime runtime;

    /**
     * Builds the service.
     *
     * @param groups storage of groups and group memberships
     * @param users the users (existence and affiliation of members)
     * @param organizations the organization tree (existence and status)
     * @param runtime clock and id generator
     */
    public GroupService(GroupRepository groups, UserService users, OrganizationService organizations,
                        IdentityRuntime runtime) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.users = Objects.requireNonNull(users, "users");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * Creates a group in {@code orgId}, optionally under a parent group of the same organization.
     *
     * @throws IdentityException {@code org.not_found}, {@code org.suspended}, {@code group.not_found} for an
     *     unknown parent, {@code group.cross_org} when the parent belongs to another organization,
     *     {@code group.invalid_request} for a bad name
     */
    public Group createGroup(OrgId orgId, String name, Optional<GroupId> parent) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        requireActiveOrg(orgId);
        if (parent.isPresent()) {
            requireSameOrg(requireGroup(parent.get()), orgId);
        }
        Group group;
        try {
            group = new Group(GroupId.of(runtime.ids().next()), orgId, name, parent, runtime.now(), 0);
        } catch (IllegalArgumentException e) {
            throw new IdentityException(GroupErrors.INVALID_REQUEST, "The request is invalid.", e.getMessage());
        }
        groups.insert(group);
        return group;
    }

    /**
     * Renames a group.
     *
     * @throws IdentityException {@code group.not_found}, {@code org.suspended}, {@code group.invalid_request},
     *     {@code store.conflict}
     */
    public Group renameGroup(GroupId id, String name) {
        Group group = requireGroup(id);
        requireActiveOrg(group.orgId());
        try {
            return groups.update(group.withName(name));
        } catch (IllegalArgumentException e) {
            throw new IdentityException(GroupErrors.INVALID_REQUEST, "The request is invalid.", e.getMessage());
        }
    }

    /**
     * Moves a group (with its subtree) under another parent of the same organization, or to the top level.
     *
     * @return the group at its new place
     * @throws IdentityException {@code group.not_found}; {@code group.cycle} when the new parent is the group itself
     *     or one of its descendants; {@code group.cross_org}; {@code org.suspended}; {@code store.conflict} when the
     *     group or the new ancestry changed concurrently
     */
    public Group moveGroup(GroupId id, Optional<GroupId> newParent) {
        Objects.requireNonNull(newParent, "newParent");
        Group group = requireGroup(id);
        requireActiveOrg(group.orgId());
        List<Group> ancestry = new ArrayList<>();
        if (newParent.isPresent()) {
            Group parent = requireGroup(newParent.get());
            requireSameOrg(parent, group.orgId());
            ancestry.add(parent);
            ancestry.addAll(ancestors(parent));
            for (Group g : ancestry) {
                if (g.id().equals(id)) {
                    throw new IdentityException(GroupErrors.CYCLE, "A group cannot be moved into its own subtree.",
                            "moving group " + id + " under " + newParent.get() + " would create a cycle");
                }
            }
        }
        return groups.move(group.withParent(newParent), ancestry);
    }

    /** Looks a group up; empty when it does not exist. */
    public Optional<Group> findGroup(GroupId id) {
        return groups.findById(Objects.requireNonNull(id, "id"));
    }

    /**
     * Looks a group up.
     *
     * @throws IdentityException {@code group.not_found}
     */
    public Group requireGroup(GroupId id) {
        return findGroup(id).orElseThrow(() -> GroupErrors.notFound(id));
    }

    /** The groups of an organization at every nesting level, ordered by id. */
    public Page<Group> groups(OrgId orgId, PageRequest page) {
        return groups.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    /** The direct child groups of a group, ordered by id. */
    public Page<Group> children(GroupId id, PageRequest page) {
        return groups.findChildren(Objects.requireNonNull(id, "id"), Objects.requireNonNull(page, "page"));
    }

    /**
     * The ancestors of a group, nearest first, itself excluded. O(depth) look-ups.
     *
     * @throws IdentityException {@code group.not_found}
     */
    public List<Group> ancestors(GroupId id) {
        return ancestors(requireGroup(id));
    }

    /**
     * Adds a user to a group as a direct member. The user must be affiliated with the group's organization
     * ({@link UserService#isAffiliated}): living in it (or above or below it), or holding an explicit membership.
     *
     * @return true when the user was added, false when it already was a direct member
     * @throws IdentityException {@code group.not_found}, {@code user.not_found}, {@code org.suspended},
     *     {@code group.member_not_affiliated}
     */
    public boolean addMember(GroupId groupId, UserId userId) {
        Group group = requireGroup(groupId);
        requireActiveOrg(group.orgId());
        User user = users.requireUser(userId);
        if (!users.isAffiliated(user.id(), group.orgId())) {
            throw new IdentityException(GroupErrors.MEMBER_NOT_AFFILIATED,
                    "The user cannot be added to this group.",
                    "user " + userId + " is not affiliated with organization " + group.orgId());
        }
        if (groups.findMember(groupId, userId).isPresent()) {
            return false;
        }
        try {
            groups.addMember(new GroupMembership(groupId, userId, group.orgId(), runtime.now()));
            return true;
        } catch (IdentityException e) {
            if (e.code().equals(StoreErrors.DUPLICATE)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Removes a user's direct membership in a group (allowed under suspension too).
     *
     * @return true when a membership was removed
     */
    public boolean removeMember(GroupId groupId, UserId userId) {
        return groups.removeMember(Objects.requireNonNull(groupId, "groupId"), Objects.requireNonNull(userId,
                "userId"));
    }

    /** The direct members of a group, ordered by user id. */
    public Page<GroupMembership> members(GroupId groupId, PageRequest page) {
        return groups.findMembers(Objects.requireNonNull(groupId, "groupId"), Objects.requireNonNull(page, "page"));
    }

    /** The groups a user is a direct member of, ordered by group id. */
    public Page<GroupMembership> directGroups(UserId userId, PageRequest page) {
        return groups.findGroupsOf(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(page, "page"));
    }

    /**
     * The groups a user belongs to in effect: its direct groups plus every ancestor of them (membership in a child
     * group implies membership in the parent). Empty for an unknown user.
     *
     * @return an immutable set, iterated in id order
     */
    public Set<GroupId> effectiveGroups(UserId userId) {
        Objects.requireNonNull(userId, "userId");
        Set<GroupId> effective = new TreeSet<>();
        for (GroupMembership m : Page.all(p -> groups.findGroupsOf(userId, p), SCAN_PAGE)) {
            if (effective.add(m.groupId())) {
                groups.findById(m.groupId()).ifPresent(g -> ancestors(g).forEach(a -> effective.add(a.id())));
            }
        }
        return Collections.unmodifiableSet(effective);
    }

    private List<Group> ancestors(Group group) {
        List<Group> chain = new ArrayList<>();
        Set<GroupId> seen = new HashSet<>();
        seen.add(group.id());
        Optional<GroupId> next = group.parent();
        while (next.isPresent()) {
            if (!seen.add(next.get())) {
                break; // a corrupt store: never loop forever
            }
            Optional<Group> parent = groups.findById(next.get());
            if (parent.isEmpty()) {
                break;
            }
            chain.add(parent.get());
            next = parent.get().parent();
        }
        return chain;
    }

    private void requireSameOrg(Group parent, OrgId orgId) {
        if (!parent.orgId().equals(orgId)) {
            throw new IdentityException(GroupErrors.CROSS_ORG,
                    "A group can only be nested in a group of the same organization.",
                    "group " + parent.id() + " belongs to " + parent.orgId() + ", not " + orgId);
        }
    }

    private Organization requireActiveOrg(OrgId orgId) {
        Organization org = organizations.require(Objects.requireNonNull(orgId, "orgId"));
        if (!org.isActive()) {
            throw OrgErrors.suspended(orgId);
        }
        return org;
    }
}
