package io.partnerid.core.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.group.Group;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.Organization;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserErrors;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.role.RoleFixtures;
import io.partnerid.testkit.user.InMemoryDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoleServiceTests {

    private static final Actor ADMIN = Actor.system("test");

    private InMemoryDirectory dir;
    private RoleService roles;
    private Organization root;
    private Organization mid;
    private Organization leaf;
    private Organization globex;
    private User alice;

    @BeforeEach
    void setUp() {
        dir = new InMemoryDirectory();
        roles = dir.roles;
        root = dir.root("Acme");
        mid = dir.child(root.id(), "Equities");
        leaf = dir.child(mid.id(), "Equities EMEA");
        globex = dir.root("Globex");
        alice = dir.user(dir.pool(root.id()).id(), "alice");
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private Role role(Organization at, String name, boolean inheritable, String... permissions) {
        return roles.defineRole(at.id(), RoleFixtures.newRole().name(name).inheritable(inheritable)
                .permissions(permissions).build());
    }

    private RoleAssignment assign(Role role, Assignee who, Organization at) {
        return roles.assign(RoleFixtures.newAssignment(role.id(), who, at.id()).build(), ADMIN);
    }

    private Instant now() {
        return dir.clock.instant();
    }

    @Test
    void effectiveRolesWhenInheritableRoleAssignedAtRootThenAppliesDownThreeLevels() {
        Role trader = role(root, "trader", true, "orders:read", "orders:write");
        assign(trader, new UserAssignee(alice.id()), root);
        for (Organization org : new Organization[] {root, mid, leaf}) {
            assertThat(roles.effectiveRoles(alice.id(), org.id(), now())).as(org.name()).containsExactly(trader);
        }
        assertThat(roles.effectivePermissions(alice.id(), leaf.id(), now()))
                .containsExactly("orders:read", "orders:write");
        assertThat(roles.effectiveRoles(alice.id(), globex.id(), now())).isEmpty();
    }

    @Test
    void effectiveRolesWhenNonInheritableRoleThenOnlyWhereAssigned() {
        Role auditor = role(root, "auditor", false, "audit:read");
        assign(auditor, new UserAssignee(alice.id()), root);
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).containsExactly(auditor);
        assertThat(roles.effectiveRoles(alice.id(), mid.id(), now())).isEmpty();
        assertThat(roles.effectiveRoles(alice.id(), leaf.id(), now())).isEmpty();
    }

    @Test
    void effectiveRolesWhenInheritableRoleAssignedAtMiddleThenNotAboveIt() {
        Role trader = role(root, "trader", true, "orders:read");
        assign(trader, new UserAssignee(alice.id()), mid);
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).isEmpty();
        assertThat(roles.effectiveRoles(alice.id(), mid.id(), now())).containsExactly(trader);
        assertThat(roles.effectiveRoles(alice.id(), leaf.id(), now())).containsExactly(trader);
    }

    @Test
    void assignWhenNonInheritableRoleOfAnAncestorThenNotAssignable() {
        Role auditor = role(root, "auditor", false, "audit:read");
        assertCode(() -> assign(auditor, new UserAssignee(alice.id()), mid), RoleErrors.NOT_ASSIGNABLE);
        assertCode(() -> assign(auditor, new UserAssignee(alice.id()), leaf), RoleErrors.NOT_ASSIGNABLE);
    }

    @Test
    void assignWhenRoleOfADescendantOrAnotherTenantThenNotAssignable() {
        Role local = role(leaf, "desk-lead", true, "desk:lead");
        Role foreign = role(globex, "foreign", true, "x:y");
        assertCode(() -> assign(local, new UserAssignee(alice.id()), root), RoleErrors.NOT_ASSIGNABLE);
        assertCode(() -> assign(foreign, new UserAssignee(alice.id()), root), RoleErrors.NOT_ASSIGNABLE);
    }

    @Test
    void assignableRolesWhenThreeLevelsThenOwnPlusInheritableOfAncestorsNearestFirst() {
        Role rootInheritable = role(root, "viewer", true, "orders:read");
        role(root, "root-only", false, "admin:all");
        Role midInheritable = role(mid, "mid-trader", true, "orders:write");
        Role leafOwn = role(leaf, "leaf-local", false, "desk:lead");
        assertThat(roles.assignableRoles(leaf.id())).containsExactly(leafOwn, midInheritable, rootInheritable);
        assertThat(roles.assignableRoles(mid.id())).containsExactly(midInheritable, rootInheritable);
        assertThat(roles.isAssignable(rootInheritable, leaf.id())).isTrue();
        assertThat(roles.isAssignable(leafOwn, mid.id())).isFalse();
    }

    @Test
    @DisplayName("Time-bound access: an assignment counts only inside [validFrom, validUntil)")
    void effectiveRolesWhenValidityWindowThenHalfOpenInterval() {
        Role trader = role(root, "trader", true, "orders:read");
        Instant from = now().plus(Duration.ofHours(1));
        Instant until = now().plus(Duration.ofHours(3));
        roles.assign(RoleFixtures.newAssignment(trader.id(), new UserAssignee(alice.id()), mid.id())
                .validFrom(from).validUntil(until).build(), ADMIN);
        assertThat(roles.effectiveRoles(alice.id(), mid.id())).as("before the window").isEmpty();
        dir.clock.set(from.minusNanos(1));
        assertThat(roles.effectivePermissions(alice.id(), mid.id())).isEmpty();
        dir.clock.set(from);
        assertThat(roles.effectiveRoles(alice.id(), mid.id())).as("at validFrom").containsExactly(trader);
        dir.clock.set(until.minusNanos(1));
        assertThat(roles.effectiveRoles(alice.id(), leaf.id())).as("just before validUntil").containsExactly(trader);
        dir.clock.set(until);
        assertThat(roles.effectiveRoles(alice.id(), mid.id())).as("at validUntil").isEmpty();
        assertThat(roles.effectiveRoles(alice.id(), mid.id(), from)).as("explicit instant").containsExactly(trader);
    }

    @Test
    void assignWhenWindowEmptyOrAlreadyOverThenInvalidWindow() {
        Role trader = role(root, "trader", true, "orders:read");
        UserAssignee who = new UserAssignee(alice.id());
        assertCode(() -> roles.assign(RoleFixtures.newAssignment(trader.id(), who, root.id())
                .validFrom(now().plusSeconds(10)).validUntil(now().plusSeconds(10)).build(), ADMIN),
                RoleErrors.INVALID_WINDOW);
        assertCode(() -> roles.assign(RoleFixtures.newAssignment(trader.id(), who, root.id())
                .validFrom(now().plusSeconds(20)).validUntil(now().plusSeconds(10)).build(), ADMIN),
                RoleErrors.INVALID_WINDOW);
        assertCode(() -> roles.assign(RoleFixtures.newAssignment(trader.id(), who, root.id())
                .validUntil(now()).build(), ADMIN), RoleErrors.INVALID_WINDOW);
    }

    @Test
    void effectiveRolesWhenRoleAssignedToParentGroupThenMembersOfChildGroupHoldIt() {
        Role trader = role(root, "trader", true, "orders:read");
        Group traders = dir.groups.createGroup(root.id(), "Traders", Optional.empty());
        Group fx = dir.groups.createGroup(root.id(), "FX", Optional.of(traders.id()));
        assign(trader, new GroupAssignee(traders.id()), mid);
        dir.groups.addMember(fx.id(), alice.id());
        assertThat(roles.effectiveRoles(alice.id(), leaf.id(), now())).containsExactly(trader);
        dir.groups.removeMember(fx.id(), alice.id());
        assertThat(roles.effectiveRoles(alice.id(), leaf.id(), now())).isEmpty();
    }

    @Test
    void assignWhenUserOfAnotherPartnerThenNotAffiliatedUntilExplicitMembership() {
        Role partnerRole = role(globex, "supplier-viewer", true, "catalog:read");
        UserAssignee who = new UserAssignee(alice.id());
        assertCode(() -> assign(partnerRole, who, globex), RoleErrors.ASSIGNEE_NOT_AFFILIATED);
        dir.users.addMembership(alice.id(), globex.id());
        assign(partnerRole, who, globex);
        assertThat(roles.effectivePermissions(alice.id(), globex.id(), now())).containsExactly("catalog:read");
        dir.users.removeMembership(alice.id(), globex.id());
        assertThat(roles.effectivePermissions(alice.id(), globex.id(), now()))
                .as("no membership, no access, even with the assignment left behind").isEmpty();
    }

    @Test
    void assignWhenGroupOfAnUnrelatedOrganizationThenNotAffiliated() {
        Role trader = role(root, "trader", true, "orders:read");
        Group foreign = dir.groups.createGroup(globex.id(), "Foreign", Optional.empty());
        assertCode(() -> assign(trader, new GroupAssignee(foreign.id()), root), RoleErrors.ASSIGNEE_NOT_AFFILIATED);
    }

    @Test
    void assignWhenUnknownRoleUserOrSuspendedOrganizationThenRefused() {
        Role trader = role(root, "trader", true, "orders:read");
        assertCode(() -> roles.assign(RoleService.NewAssignment.builder(RoleId.of("nope"),
                new UserAssignee(alice.id()), root.id()).build(), ADMIN), RoleErrors.NOT_FOUND);
        assertCode(() -> assign(trader, new UserAssignee(UserId.of("nope")), root), UserErrors.NOT_FOUND);
        dir.suspend(mid.id());
        assertCode(() -> assign(trader, new UserAssignee(alice.id()), leaf), OrgErrors.SUSPENDED);
    }

    @Test
    void effectiveRolesWhenUserNotActiveOrOrganizationSuspendedThenNothingCounts() {
        Role trader = role(root, "trader", true, "orders:read");
        assign(trader, new UserAssignee(alice.id()), root);
        dir.users.changeStatus(alice.id(), UserStatus.LOCKED);
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).isEmpty();
        dir.users.changeStatus(alice.id(), UserStatus.ACTIVE);
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).containsExactly(trader);
        dir.suspend(mid.id());
        assertThat(roles.effectiveRoles(alice.id(), leaf.id(), now())).isEmpty();
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).containsExactly(trader);
        dir.suspend(root.id());
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).isEmpty();
    }

    @Test
    void effectiveRolesWhenHomeOrganizationSuspendedThenNothingCountsElsewhere() {
        Role partnerRole = role(globex, "supplier-viewer", false, "catalog:read");
        dir.users.addMembership(alice.id(), globex.id());
        assign(partnerRole, new UserAssignee(alice.id()), globex);
        assertThat(roles.effectiveRoles(alice.id(), globex.id(), now())).containsExactly(partnerRole);
        dir.suspend(root.id());
        assertThat(roles.effectiveRoles(alice.id(), globex.id(), now())).isEmpty();
    }

    @Test
    void effectiveRolesWhenRoleBecomesNonInheritableThenAssignmentsBelowStopCounting() {
        Role trader = role(root, "trader", true, "orders:read");
        assign(trader, new UserAssignee(alice.id()), mid);
        assertThat(roles.effectiveRoles(alice.id(), mid.id(), now())).hasSize(1);
        roles.updateRole(trader.id(), RoleService.NewRole.builder("trader").permissions(Set.of("orders:read")).build());
        assertThat(roles.effectiveRoles(alice.id(), mid.id(), now())).isEmpty();
    }

    @Test
    void effectivePermissionsWhenSeveralRolesThenUnion() {
        Role a = role(root, "a", true, "orders:read", "trades:read");
        Role b = role(mid, "b", false, "orders:write", "orders:read");
        assign(a, new UserAssignee(alice.id()), root);
        assign(b, new UserAssignee(alice.id()), mid);
        assertThat(roles.effectivePermissions(alice.id(), mid.id(), now()))
                .containsExactly("orders:read", "orders:write", "trades:read");
        assertThat(roles.effectivePermissions(alice.id(), leaf.id(), now())).containsExactly("orders:read",
                "trades:read");
    }

    @Test
    void revokeWhenAssignedThenNoLongerEffectiveAndSecondRevokeNotFound() {
        Role trader = role(root, "trader", true, "orders:read");
        RoleAssignment a = assign(trader, new UserAssignee(alice.id()), root);
        assertThat(roles.revoke(a.id())).isEqualTo(a);
        assertThat(roles.effectiveRoles(alice.id(), root.id(), now())).isEmpty();
        assertCode(() -> roles.revoke(a.id()), RoleErrors.ASSIGNMENT_NOT_FOUND);
    }

    @Test
    void revokeAllForWhenUserHoldsSeveralThenAllGoneGroupAssignmentsKept() {
        Role a = role(root, "a", true, "x:a");
        Role b = role(root, "b", true, "x:b");
        Group g = dir.groups.createGroup(root.id(), "G", Optional.empty());
        assign(a, new UserAssignee(alice.id()), root);
        assign(b, new UserAssignee(alice.id()), mid);
        RoleAssignment groupAssignment = assign(a, new GroupAssignee(g.id()), root);
        assertThat(roles.revokeAllFor(alice.id())).isEqualTo(2);
        assertThat(Page.all(p -> roles.assignments(new UserAssignee(alice.id()), p), 10)).isEmpty();
        assertThat(Page.all(p -> roles.assignments(root.id(), p), 10)).containsExactly(groupAssignment);
        assertThat(Page.all(p -> roles.assignments(a.id(), p), 10)).containsExactly(groupAssignment);
    }

    @Test
    void assignWhenDoneThenRecordsGrantorWindowAndCreationTime() {
        Role trader = role(root, "trader", true, "orders:read");
        Instant until = now().plus(Duration.ofDays(30));
        RoleAssignment a = roles.assign(RoleFixtures.newAssignment(trader.id(), new UserAssignee(alice.id()),
                mid.id()).validUntil(until).build(), Actor.user("admin-7"));
        assertThat(a.grantedBy()).isEqualTo(Actor.user("admin-7"));
        assertThat(a.validUntil()).contains(until);
        assertThat(a.createdAt()).isEqualTo(now());
        assertThat(roles.findAssignment(a.id())).contains(a);
    }

    @Test
    void defineRoleWhenNameTakenOrPermissionMalformedThenRefused() {
        role(root, "trader", true, "orders:read");
        assertCode(() -> role(root, "trader", false, "x:y"), RoleErrors.NAME_TAKEN);
        assertThat(role(mid, "trader", false, "x:y").orgId()).isEqualTo(mid.id());
        assertCode(() -> role(root, "bad", false, "orders read"), RoleErrors.INVALID_REQUEST);
        assertCode(() -> role(root, "bad2", false, "orders::read"), RoleErrors.INVALID_REQUEST);
        dir.suspend(globex.id());
        assertCode(() -> role(globex, "late", false, "x:y"), OrgErrors.SUSPENDED);
    }
}
