package io.partnerid.core.role;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupId;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles defined at organizations, their assignment to users and groups, and the roles and permissions a user holds
 * in effect at an organization and instant.
 *
 * <p>Thread-safe: state lives in the repositories. This is the <em>unchecked</em> domain service: it enforces the
 * model (a role is assignable where it is defined or, when inheritable, below; assignees are affiliated with the
 * organization; validity windows are well-formed) but knows no acting principal and publishes no audit events; the
 * delegated administration façade checks that the actor may grant the role (no escalation) and audits.
 *
 * <p>Evaluation rules of {@link #effectiveRoles(UserId, OrgId, Instant)}: an assignment to the user or to one of its
 * {@linkplain GroupService#effectiveGroups effective groups} counts at organization {@code at} and instant
 * {@code now} when {@code now} lies in its window {@code [validFrom, validUntil)}, and it was made at {@code at}, or
 * at an ancestor of {@code at} for an inheritable role. Nothing counts for a user that is not ACTIVE, at a
 * suspended organization, for a user whose home organization is suspended, or at an organization the user is not
 * {@linkplain UserService#isAffiliated affiliated} with (fail closed).
 *
 * <pre>{@code
 * Role trader = roles.defineRole(acme.id(), NewRole.builder("trader")
 *         .permissions(Set.of("orders:read", "orders:write")).inheritable(true).build());
 * roles.assign(NewAssignment.builder(trader.id(), new UserAssignee(alice.id()), equities.id())
 *         .validUntil(quarterEnd).build(), Actor.user(admin.id().value()));
 * roles.effectivePermissions(alice.id(), equitiesEmea.id(), clock.instant()); // [orders:read, orders:write]
 * }</pre>
 */
public final class RoleService {

    private static final Logger LOG = LoggerFactory.getLogger(RoleService.class);
    private static final int SCAN_PAGE = PageRequest.MAX_LIMIT;

    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final UserService users;
    private final GroupService groups;
    private final OrganizationService organizations;
    private final IdentityRuntime runtime;

    /**
     * Builds the service.
     *
     * @param roles storage of role definitions
     * @param assignments storage of role assignments
     * @param users users (existence, status, affiliation)
     * @param groups groups (existence, effective groups of a user)
     * @param organizations the organization tree
     * @param runtime clock and id generator
     */
    public RoleService(RoleRepository roles, RoleAssignmentRepository assignments, UserService users,
                       GroupService groups, OrganizationService organizations, IdentityRuntime runtime) {
        this.roles = Objects.requireNonNull(roles, "roles");
        this.assignments = Objects.requireNonNull(assignments, "assignments");
        this.users = Objects.requireNonNull(users, "users");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * What a role is made of. Immutable and thread-safe; built by {@link #builder(String)}.
     *
     * <pre>{@code
     * NewRole trader = NewRole.builder("trader")
     *         .permissions(Set.of("orders:read", "orders:write"))
     *         .inheritable(true)             // descendants may assign it; assignments apply down the tree
     *         .build();
     * }</pre>
     */
    public static final class NewRole {

        private final String name;
        private final Set<String> permissions;
        private final boolean inheritable;

        private NewRole(Builder b) {
            this.name = b.name;
            this.permissions = b.permissions;
            this.inheritable = b.inheritable;
        }

        /**
         * Starts a role.
         *
         * @param name the name, unique within the defining organization
         */
        public static Builder builder(String name) {
            return new Builder(name);
        }

        /** The name, unique within the defining organization. */
        public String name() {
            return name;
        }

        /** The permissions it grants. */
        public Set<String> permissions() {
            return permissions;
        }

        /** Whether descendants may assign it and assignments apply down the tree. */
        public boolean inheritable() {
            return inheritable;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NewRole r && name.equals(r.name) && permissions.equals(r.permissions)
                    && inheritable == r.inheritable;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, permissions, inheritable);
        }

        @Override
        public String toString() {
            return "NewRole[name=" + name + ", permissions=" + permissions + ", inheritable=" + inheritable + "]";
        }

        /**
         * Builds a {@link NewRole}.
         *
         * <p>Not thread-safe; use one per request.
         */
        public static final class Builder {
            private final String name;
            private Set<String> permissions = Set.of();
            private boolean inheritable;

            private Builder(String name) {
                this.name = Objects.requireNonNull(name, "name");
            }

            /** The permissions the role grants; none by default. */
            public Builder permissions(Collection<String> permissions) {
                this.permissions = Set.copyOf(permissions);
                return this;
            }

            /**
             * Whether descendants may assign the role and its assignments apply down the tree; default false (the
             * role applies only at the defining organization).
             */
            public Builder inheritable(boolean inheritable) {
                this.inheritable = inheritable;
                return this;
            }

            /** Builds the definition. */
            public NewRole build() {
                return new NewRole(this);
            }
        }
    }

    /**
     * What an assignment is made of. Immutable and thread-safe; built by
     * {@link #builder(RoleId, Assignee, OrgId)}.
     *
     * <pre>{@code
     * NewAssignment standIn = NewAssignment.builder(trader.id(), new UserAssignee(carol.id()), desk.id())
     *         .validUntil(now.plus(Duration.ofDays(14)))
     *         .build();
     * }</pre>
     */
    public static final class NewAssignment {

        private final RoleId roleId;
        private final Assignee assignee;
        private final OrgId orgId;
        private final Optional<Instant> validFrom;
        private final Optional<Instant> validUntil;

        private NewAssignment(Builder b) {
            this.roleId = b.roleId;
            this.assignee = b.assignee;
            this.orgId = b.orgId;
            this.validFrom = Optional.ofNullable(b.validFrom);
            this.validUntil = Optional.ofNullable(b.validUntil);
        }

        /**
         * Starts an assignment.
         *
         * @param roleId the role
         * @param assignee the user or group
         * @param orgId where the assignment applies
         */
        public static Builder builder(RoleId roleId, Assignee assignee, OrgId orgId) {
            return new Builder(roleId, assignee, orgId);
        }

        /** The role. */
        public RoleId roleId() {
            return roleId;
        }

        /** The user or group. */
        public Assignee assignee() {
            return assignee;
        }

        /** Where the assignment applies. */
        public OrgId orgId() {
            return orgId;
        }

        /** The first instant it counts, if bounded. */
        public Optional<Instant> validFrom() {
            return validFrom;
        }

        /** The first instant it no longer counts, if bounded. */
        public Optional<Instant> validUntil() {
            return validUntil;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NewAssignment a && roleId.equals(a.roleId) && assignee.equals(a.assignee)
                    && orgId.equals(a.orgId) && validFrom.equals(a.validFrom) && validUntil.equals(a.validUntil);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roleId, assignee, orgId, validFrom, validUntil);
        }

        @Override
        public String toString() {
            return "NewAssignment[roleId=" + roleId + ", assignee=" + assignee + ", orgId=" + orgId + ", validFrom="
                    + validFrom + ", validUntil=" + validUntil + "]";
        }

        /**
         * Builds a {@link NewAssignment}.
         *
         * <p>Not thread-safe; use one per request.
         */
        public static final class Builder {
            private final RoleId roleId;
            private final Assignee assignee;
            private final OrgId orgId;
            private Instant validFrom;
            private Instant validUntil;

            private Builder(RoleId roleId, Assignee assignee, OrgId orgId) {
                this.roleId = Objects.requireNonNull(roleId, "roleId");
                this.assignee = Objects.requireNonNull(assignee, "assignee");
                this.orgId = Objects.requireNonNull(orgId, "orgId");
            }

            /** Optional: the first instant the assignment counts; from now by default. */
            public Builder validFrom(Instant from) {
                this.validFrom = Objects.requireNonNull(from, "from");
                return this;
            }

            /** Optional: the first instant the assignment no longer counts; unbounded by default. */
            public Builder validUntil(Instant until) {
                this.validUntil = Objects.requireNonNull(until, "until");
                return this;
            }

            /** Builds the assignment. */
            public NewAssignment build() {
                return new NewAssignment(this);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- roles

    /**
     * Defines a role at an organization.
     *
     * @throws IdentityException {@code org.not_found}, {@code org.suspended}, {@code role.name_taken},
     *     {@code role.invalid_request} for a bad name or permission
     */
    public Role defineRole(OrgId orgId, NewRole request) {
        Objects.requireNonNull(request, "request");
        requireActiveOrg(orgId);
        Role role;
        try {
            role = new Role(RoleId.of(runtime.ids().next()), orgId, request.name(), request.permissions(),
                    request.inheritable(), runtime.now(), 0);
        } catch (IllegalArgumentException e) {
            throw new IdentityException(RoleErrors.INVALID_REQUEST, "The request is invalid.", e.getMessage());
        }
        try {
            roles.insert(role);
        } catch (IdentityException e) {
            throw nameTaken(e, orgId);
        }
        return role;
    }

    /**
     * Replaces a role's name, permissions and inheritability. Existing assignments keep pointing at it; an
     * assignment below the defining organization stops counting when the role becomes non-inheritable.
     *
     * @throws IdentityException {@code role.not_found}, {@code org.suspended}, {@code role.name_taken},
     *     {@code role.invalid_request}, {@code store.conflict}
     */
    public Role updateRole(RoleId id, NewRole definition) {
        Objects.requireNonNull(definition, "definition");
        Role role = requireRole(id);
        requireActiveOrg(role.orgId());
        Role changed;
        try {
            changed = role.withDefinition(definition.name(), definition.permissions(), definition.inheritable());
        } catch (IllegalArgumentException e) {
            throw new IdentityException(RoleErrors.INVALID_REQUEST, "The request is invalid.", e.getMessage());
        }
        try {
            return roles.update(changed);
        } catch (IdentityException e) {
            throw nameTaken(e, role.orgId());
        }
    }

    /** Looks a role up; empty when it does not exist. */
    public Optional<Role> findRole(RoleId id) {
        return roles.findById(Objects.requireNonNull(id, "id"));
    }

    /**
     * Looks a role up.
     *
     * @throws IdentityException {@code role.not_found}
     */
    public Role requireRole(RoleId id) {
        return findRole(id).orElseThrow(() -> RoleErrors.notFound(id));
    }

    /** Looks a role up by exact name at the organization defining it. */
    public Optional<Role> findRoleByName(OrgId orgId, String name) {
        return roles.findByName(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(name, "name"));
    }

    /** The roles defined at an organization (not those inherited), ordered by id. */
    public Page<Role> roles(OrgId orgId, PageRequest page) {
        return roles.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    /**
     * The roles that can be assigned at an organization: those defined there, then the inheritable roles of its
     * ancestors (nearest ancestor first, each organization's roles in id order).
     *
     * @throws IdentityException {@code org.not_found}
     */
    public List<Role> assignableRoles(OrgId orgId) {
        Organization org = organizations.require(Objects.requireNonNull(orgId, "orgId"));
        List<Role> assignable = new ArrayList<>(Page.all(p -> roles.findByOrg(orgId, p), SCAN_PAGE));
        List<OrgId> lineage = org.path().ids();
        for (int i = lineage.size() - 2; i >= 0; i--) {
            OrgId ancestor = lineage.get(i);
            for (Role role : Page.all(p -> roles.findByOrg(ancestor, p), SCAN_PAGE)) {
                if (role.inheritable()) {
                    assignable.add(role);
                }
            }
        }
        return List.copyOf(assignable);
    }

    /** True when {@code role} may be assigned at {@code orgId}; false for an unknown organization. */
    public boolean isAssignable(Role role, OrgId orgId) {
        Objects.requireNonNull(role, "role");
        return organizations.find(Objects.requireNonNull(orgId, "orgId"))
                .map(org -> assignableAlong(role, org.path().ids()))
                .orElse(false);
    }

    /** Whether {@code role} is assignable at the last organization of {@code lineage} (root first). */
    private static boolean assignableAlong(Role role, List<OrgId> lineage) {
        int index = lineage.indexOf(role.orgId());
        return index == lineage.size() - 1 || (index >= 0 && role.inheritable());
    }

    // ---------------------------------------------------------------------------------------------- assignments

    /**
     * Assigns a role to a user or group at an organization.
     *
     * @param request what to assign, where and for how long
     * @param grantedBy who grants it (recorded; the delegated administration façade has already checked it)
     * @throws IdentityException {@code role.not_found}; {@code org.not_found}; {@code org.suspended};
     *     {@code role.not_assignable} when the role is neither defined at the organization nor an inheritable role
     *     of one of its ancestors; {@code role.invalid_window} when {@code validFrom} is not before
     *     {@code validUntil} or {@code validUntil} has passed; {@code user.not_found} / {@code group.not_found};
     *     {@code role.assignee_not_affiliated} when the user or group does not belong to the organization's line of
     *     the tree
     */
    public RoleAssignment assign(NewAssignment request, Actor grantedBy) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Role role = requireRole(request.roleId());
        Organization org = requireActiveOrg(request.orgId());
        if (!assignableAlong(role, org.path().ids())) {
            throw new IdentityException(RoleErrors.NOT_ASSIGNABLE, "The role cannot be assigned here.",
                    "role " + role.id() + " of " + role.orgId() + " is not assignable at " + org.id());
        }
        Instant now = runtime.now();
        Optional<Instant> from = request.validFrom();
        Optional<Instant> until = request.validUntil();
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw invalidWindow("validFrom " + from.get() + " is not before validUntil " + until.get());
        }
        if (until.isPresent() && !now.isBefore(until.get())) {
            throw invalidWindow("validUntil " + until.get() + " has passed");
        }
        requireAffiliated(request.assignee(), org);
        RoleAssignment assignment = new RoleAssignment(RoleAssignmentId.of(runtime.ids().next()), role.id(),
                request.assignee(), org.id(), from, until, grantedBy, now);
        assignments.insert(assignment);
        LOG.debug("role {} assigned to {} at {} by {}", role.id(), request.assignee(), org.id(), grantedBy);
        return assignment;
    }

    /**
     * Revokes an assignment.
     *
     * @return the revoked assignment (for the caller's audit record)
     * @throws IdentityException {@code role.assignment_not_found} when it does not exist (or was revoked
     *     concurrently)
     */
    public RoleAssignment revoke(RoleAssignmentId id) {
        RoleAssignment assignment = findAssignment(id).orElseThrow(() -> assignmentNotFound(id));
        if (!assignments.delete(id)) {
            throw assignmentNotFound(id);
        }
        return assignment;
    }

    /**
     * Revokes every assignment held directly by a user (not those of its groups).
     *
     * @return the number of assignments revoked
     */
    public int revokeAllFor(UserId userId) {
        return revokeAllFor(new UserAssignee(Objects.requireNonNull(userId, "userId")));
    }

    /**
     * Revokes every assignment held by a user or group.
     *
     * @return the number of assignments revoked
     */
    public int revokeAllFor(Assignee assignee) {
        return assignments.deleteByAssignee(Objects.requireNonNull(assignee, "assignee"));
    }

    /** Looks an assignment up; empty when it does not exist. */
    public Optional<RoleAssignment> findAssignment(RoleAssignmentId id) {
        return assignments.findById(Objects.requireNonNull(id, "id"));
    }

    /** The assignments held directly by a user or group, at every organization, ordered by id. */
    public Page<RoleAssignment> assignments(Assignee assignee, PageRequest page) {
        return assignments.findByAssignee(Objects.requireNonNull(assignee, "assignee"),
                Objects.requireNonNull(page, "page"));
    }

    /** The assignments made at an organization, ordered by id. */
    public Page<RoleAssignment> assignments(OrgId orgId, PageRequest page) {
        return assignments.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    /** The assignments of a role, ordered by id. */
    public Page<RoleAssignment> assignments(RoleId roleId, PageRequest page) {
        return assignments.findByRole(Objects.requireNonNull(roleId, "roleId"), Objects.requireNonNull(page, "page"));
    }

    // ------------------------------------------------------------------------------------------------ evaluation

    /**
     * The roles a user holds in effect at an organization and instant (see the class documentation for the
     * rules). Empty for an unknown user or organization.
     *
     * @return an immutable set, iterated in role id order
     */
    public Set<Role> effectiveRoles(UserId userId, OrgId at, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(now, "now");
        Optional<User> user = users.findUser(userId);
        Optional<Organization> atOrg = organizations.find(at);
        if (user.isEmpty() || atOrg.isEmpty() || !user.get().isActive() || !atOrg.get().isActive()) {
            return Set.of();
        }
        Optional<Organization> home = organizations.find(user.get().orgId());
        if (home.isEmpty() || !home.get().isActive() || !users.isAffiliated(userId, at)) {
            return Set.of();
        }
        List<OrgId> lineage = atOrg.get().path().ids();
        List<Assignee> holders = new ArrayList<>();
        holders.add(new UserAssignee(userId));
        for (GroupId group : groups.effectiveGroups(userId)) {
            holders.add(new GroupAssignee(group));
        }
        Map<RoleId, Optional<Role>> roleCache = new HashMap<>();
        Map<RoleId, Role> effective = new TreeMap<>();
        for (Assignee holder : holders) {
            for (RoleAssignment a : Page.all(p -> assignments.findByAssignee(holder, p), SCAN_PAGE)) {
                if (!a.isActiveAt(now) || effective.containsKey(a.roleId())) {
                    continue;
                }
                int where = lineage.indexOf(a.orgId());
                if (where < 0) {
                    continue; // made at an organization that is not `at` nor one of its ancestors
                }
                Optional<Role> role = roleCache.computeIfAbsent(a.roleId(), roles::findById);
                if (role.isEmpty()) {
                    continue;
                }
                boolean atItself = where == lineage.size() - 1;
                // The assignment must still be valid where it was made (the role may have become non-inheritable)
                // and must reach `at`: only inheritable roles flow down from an ancestor.
                if (assignableAlong(role.get(), lineage.subList(0, where + 1))
                        && (atItself || role.get().inheritable())) {
                    effective.put(role.get().id(), role.get());
                }
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(effective.values()));
    }

    /** {@link #effectiveRoles(UserId, OrgId, Instant)} at the runtime clock's current instant. */
    public Set<Role> effectiveRoles(UserId userId, OrgId at) {
        return effectiveRoles(userId, at, runtime.now());
    }

    /**
     * The union of the permissions of the user's {@linkplain #effectiveRoles effective roles} at {@code at} and
     * {@code now}.
     *
     * @return an immutable, sorted set; empty when nothing counts
     */
    public Set<String> effectivePermissions(UserId userId, OrgId at, Instant now) {
        Set<String> permissions = new TreeSet<>();
        for (Role role : effectiveRoles(userId, at, now)) {
            permissions.addAll(role.permissions());
        }
        return Collections.unmodifiableSet(permissions);
    }

    /** {@link #effectivePermissions(UserId, OrgId, Instant)} at the runtime clock's current instant. */
    public Set<String> effectivePermissions(UserId userId, OrgId at) {
        return effectivePermissions(userId, at, runtime.now());
    }

    // ---------------------------------------------------------------------------------------------- internals

    private void requireAffiliated(Assignee assignee, Organization org) {
        boolean affiliated;
        if (assignee instanceof UserAssignee u) {
            users.requireUser(u.userId());
            affiliated = users.isAffiliated(u.userId(), org.id());
        } else {
            Group group = groups.requireGroup(((GroupAssignee) assignee).groupId());
            affiliated = organizations.find(group.orgId())
                    .map(g -> g.path().isAncestorOrSelfOf(org.path()) || org.path().isAncestorOrSelfOf(g.path()))
                    .orElse(false);
        }
        if (!affiliated) {
            throw new IdentityException(RoleErrors.ASSIGNEE_NOT_AFFILIATED, "The role cannot be assigned to them here.",
                    assignee + " is not affiliated with organization " + org.id());
        }
    }

    private Organization requireActiveOrg(OrgId orgId) {
        Organization org = organizations.require(Objects.requireNonNull(orgId, "orgId"));
        if (!org.isActive()) {
            throw OrgErrors.suspended(orgId);
        }
        return org;
    }

    private static IdentityException invalidWindow(String detail) {
        return new IdentityException(RoleErrors.INVALID_WINDOW, "The validity window is invalid.", detail);
    }

    private static IdentityException assignmentNotFound(RoleAssignmentId id) {
        return new IdentityException(RoleErrors.ASSIGNMENT_NOT_FOUND, "The role assignment was not found.",
                "role assignment " + id);
    }

    private static IdentityException nameTaken(IdentityException e, OrgId orgId) {
        if (e.code().equals(StoreErrors.DUPLICATE)) {
            return new IdentityException(RoleErrors.NAME_TAKEN, "A role of that name exists.",
                    "role name taken in organization " + orgId, e);
        }
        return e;
    }
}
