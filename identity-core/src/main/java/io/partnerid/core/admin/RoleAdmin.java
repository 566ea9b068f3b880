package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.GroupAssignee;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleAssignment;
import io.partnerid.core.role.RoleAssignmentId;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.user.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Roles and role assignments on an actor's authority. Defining a role needs {@link AdminCapability#MANAGE_ROLES},
 * assigning and revoking need {@link AdminCapability#ASSIGN_ROLES}; nobody defines or assigns a role with a
 * permission it does not hold itself at that organization ({@code admin.escalation}). Writes are audited as
 * {@code admin.operation}s, assignments and revocations also as privilege changes.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#roles()}.
 *
 * <pre>{@code
 * RoleAdmin roles = core.admin().roles();
 * Role trader = roles.define(partnerAdmin, partner.id(), NewRole.builder("trader")
 *         .permissions(Set.of("orders:read", "orders:write")).inheritable(true).build());
 * roles.assign(partnerAdmin, NewAssignment.builder(trader.id(), new UserAssignee(alice.id()), desk.id()).build());
 * }</pre>
 */
public final class RoleAdmin {

    private final Guard guard;
    private final RoleService roles;
    private final GroupService groups;

    RoleAdmin(Guard guard, RoleService roles, GroupService groups) {
        this.guard = guard;
        this.roles = roles;
        this.groups = groups;
    }

    /** Defines a role; needs {@code MANAGE_ROLES} over the organization and every permission of the role there. */
    public Role define(Actor actor, OrgId orgId, NewRole request) {
        Objects.requireNonNull(request, "request");
        return guard.perform(actor, "role.define", orgId, AdminCapability.MANAGE_ROLES, request.name(), o -> {
            guard.requireHoldsPermissions(actor, request.permissions(), orgId);
            return roles.defineRole(orgId, request);
        });
    }

    /**
     * Assigns a role (optionally time-bound); needs {@code ASSIGN_ROLES} over the organization where it applies
     * and every permission of the role there; assigning to a group also needs {@code MANAGE_GROUPS} over the
     * group's organization.
     */
    public RoleAssignment assign(Actor actor, NewAssignment request) {
        Objects.requireNonNull(request, "request");
        return guard.perform(actor, "role.assign", request.orgId(), AdminCapability.ASSIGN_ROLES,
                request.roleId().value(), o -> {
                    Role role = roles.findRole(request.roleId()).orElseThrow(() -> AdminErrors.notPermitted(
                            actor + " assigns unknown role " + request.roleId()));
                    guard.requireHolds(actor, role, request.orgId());
                    if (request.assignee() instanceof GroupAssignee g) {
                        Group group = groups.findGroup(g.groupId()).orElseThrow(() -> AdminErrors.notPermitted(
                                actor + " assigns to unknown group " + g.groupId()));
                        guard.require(actor, AdminCapability.MANAGE_GROUPS, group.orgId());
                    }
                    RoleAssignment assignment = roles.assign(request, actor);
                    guard.privilege(actor, o, request.assignee().toString(), PrivilegeChangeEvent.Change.GRANTED,
                            "role:" + role.id().value(), request.validUntil());
                    return assignment;
                });
    }

    /** Revokes a role assignment; needs {@code ASSIGN_ROLES} over the organization where it applies. */
    public void revoke(Actor actor, RoleAssignmentId assignmentId) {
        RoleAssignment assignment = roles.findAssignment(assignmentId)
                .orElseThrow(() -> guard.refusedUnknown(actor, "role.revoke", null));
        guard.perform(actor, "role.revoke", assignment.orgId(), AdminCapability.ASSIGN_ROLES, assignmentId.value(),
                o -> {
                    roles.revoke(assignmentId);
                    guard.privilege(actor, o, assignment.assignee().toString(), PrivilegeChangeEvent.Change.REVOKED,
                            "role:" + assignment.roleId().value(), Optional.empty());
                    return assignment;
                });
    }

    /** The permissions a user holds at an organization now; needs visibility of that organization. */
    public Set<String> effectivePermissions(Actor actor, UserId userId, OrgId orgId) {
        guard.read(actor, orgId);
        return roles.effectivePermissions(userId, orgId, guard.now());
    }
}
