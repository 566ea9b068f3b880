package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupId;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.GroupAssignee;
import io.partnerid.core.role.RoleAssignment;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Groups on an actor's authority: create groups and add members; needs {@link AdminCapability#MANAGE_GROUPS} over
 * the group's organization. Because membership confers the roles assigned to the group and its ancestor groups,
 * adding a member also needs every permission of those roles ({@code admin.escalation}). Audited like every
 * administrative write.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#groups()}.
 *
 * <pre>{@code
 * Group traders = core.admin().groups().create(partnerAdmin, desk.id(), "Traders", Optional.empty());
 * core.admin().groups().addMember(partnerAdmin, traders.id(), alice.id());
 * }</pre>
 */
public final class GroupAdmin {

    private final Guard guard;
    private final GroupService groups;
    private final RoleService roles;

    GroupAdmin(Guard guard, GroupService groups, RoleService roles) {
        this.guard = guard;
        this.groups = groups;
        this.roles = roles;
    }

    /** Creates a group, optionally nested in {@code parent}; needs {@code MANAGE_GROUPS} over the organization. */
    public Group create(Actor actor, OrgId orgId, String name, Optional<GroupId> parent) {
        return guard.perform(actor, "group.create", orgId, AdminCapability.MANAGE_GROUPS, orgId.value(),
                o -> groups.createGroup(orgId, name, parent));
    }

    /**
     * Adds a user to a group; needs {@code MANAGE_GROUPS} over the group's organization and, because membership
     * confers the roles assigned to the group and its ancestor groups, every permission of those roles.
     */
    public void addMember(Actor actor, GroupId groupId, UserId userId) {
        Group group = groups.findGroup(groupId)
                .orElseThrow(() -> guard.refusedUnknown(actor, "group.add_member", null));
        guard.perform(actor, "group.add_member", group.orgId(), AdminCapability.MANAGE_GROUPS, groupId.value(), o -> {
            for (RoleAssignment assignment : assignmentsConferredBy(group)) {
                guard.requireHolds(actor, roles.requireRole(assignment.roleId()), assignment.orgId());
            }
            groups.addMember(groupId, userId);
            return group;
        });
    }

    /** The role assignments a member of {@code group} receives: those of the group and of its ancestor groups. */
    private List<RoleAssignment> assignmentsConferredBy(Group group) {
        List<RoleAssignment> conferred = new ArrayList<>();
        List<Group> line = new ArrayList<>(groups.ancestors(group.id()));
        line.add(group);
        for (Group g : line) {
            conferred.addAll(Page.all(p -> roles.assignments(new GroupAssignee(g.id()), p), PageRequest.MAX_LIMIT));
        }
        return conferred;
    }
}
