package io.partnerid.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.client.ClientService.NewClient;
import io.partnerid.core.client.GrantTypes;
import io.partnerid.core.domain.DomainName;
import io.partnerid.core.org.OrgStatus;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.settings.SettingKey;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every sub-façade of {@link DelegatedAdministration} goes through the one shared guard: an admin of another tenant
 * (holding every capability there) is refused with {@code admin.not_permitted} on each, nothing changes, and the
 * refusal is an {@code admin.operation} record with outcome REFUSED in the target tenant's chain.
 */
class AdminSubFacadesTests {

    private static final Actor SYSTEM = Actor.system("bootstrap");

    private IdentityCore core;
    private DelegatedAdministration admin;
    private Organization northwind;
    private Organization equities;
    private IdentityPool staff;
    private User alice;
    private Role trader;
    private Actor mallory;

    @BeforeEach
    void seed() {
        core = CoreFixtures.inMemory(MutableClock.standard()).core();
        admin = core.admin();
        northwind = admin.organizations().createRoot(SYSTEM, new NewOrganization("Northwind Capital"));
        equities = admin.organizations().create(SYSTEM, northwind.id(), new NewOrganization("Equities"));
        staff = admin.users().createPool(SYSTEM, northwind.id(), "Northwind staff");
        alice = admin.users().create(SYSTEM, NewUser.builder(staff.id(), "alice").build());
        trader = admin.roles().define(SYSTEM, northwind.id(),
                NewRole.builder("trader").permissions(Set.of("orders:read")).inheritable(true).build());
        Organization globex = admin.organizations().createRoot(SYSTEM, new NewOrganization("Globex Health"));
        IdentityPool globexStaff = admin.users().createPool(SYSTEM, globex.id(), "Globex staff");
        User malloryUser = admin.users().create(SYSTEM, NewUser.builder(globexStaff.id(), "mallory").build());
        mallory = Actor.user(malloryUser.id().value());
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(mallory, globex.id(),
                EnumSet.allOf(AdminCapability.class)));
    }

    @Test
    void organizationsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.organizations().create(mallory, equities.id(),
                new NewOrganization("Implant")), "org.create");
        assertThat(core.unchecked().organizations().find(equities.id()).orElseThrow().name()).isEqualTo("Equities");
    }

    @Test
    void usersWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.users().create(mallory, NewUser.builder(staff.id(), "implant").build()),
                "user.create", northwind);
        assertThat(core.unchecked().users().findByUsername(staff.id(), "implant")).isEmpty();
    }

    @Test
    void groupsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.groups().create(mallory, equities.id(), "Implants", Optional.empty()),
                "group.create");
    }

    @Test
    void rolesWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.roles().assign(mallory,
                NewAssignment.builder(trader.id(), new UserAssignee(alice.id()), equities.id()).build()),
                "role.assign");
        assertThat(core.unchecked().roles().effectivePermissions(alice.id(), equities.id())).isEmpty();
    }

    @Test
    void clientsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.clients().register(mallory, equities.id(), NewClient.builder("Implant")
                .grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS)).build()), "client.register");
    }

    @Test
    void domainsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.domains().claim(mallory, equities.id(),
                DomainName.of("northwind.example")), "domain.claim");
    }

    @Test
    void settingsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.settings().set(mallory, equities.id(), SettingKey.MFA_REQUIRED, false),
                "setting.set");
    }

    @Test
    void adminGrantsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.adminGrants().grant(mallory, new NewAdminGrant(mallory, equities.id(),
                EnumSet.of(AdminCapability.MANAGE_USERS))), "admin.grant");
        assertThat(admin.adminGrants().capabilitiesAt(mallory, equities.id())).isEmpty();
    }

    @Test
    void accessRequestsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        AccessRequest request = admin.accessRequests().submit(Actor.user(alice.id().value()),
                NewAccessRequest.builder(equities.id(), trader.id(), "covering a desk").build());
        assertRefusedAndAudited(() -> admin.accessRequests().approve(mallory, request.id()), "access.approve");
        assertThat(core.unchecked().stores().accessRequests().findById(request.id()).orElseThrow().status())
                .isEqualTo(AccessRequest.Status.PENDING);
    }

    @Test
    void invitationsWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.invitations().invite(mallory,
                new NewInvitation(staff.id(), "implant@globex.example", Set.of())), "invitation.create", northwind);
    }

    @Test
    void governanceWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.governance().suspend(mallory, equities.id(), "hostile"), "org.suspend");
        assertThat(core.unchecked().organizations().find(equities.id()).orElseThrow().status())
                .isEqualTo(OrgStatus.ACTIVE);
    }

    @Test
    void guardWhenActorOutsideSubtreeThenNotPermittedAndAudited() {
        assertRefusedAndAudited(() -> admin.guard().require(mallory, AdminCapability.MANAGE_GRANTS, equities.id(),
                "grant.create"), "grant.create");
    }

    private void assertRefusedAndAudited(ThrowingCallable call, String operation) {
        assertRefusedAndAudited(call, operation, equities);
    }

    private void assertRefusedAndAudited(ThrowingCallable call, String operation, Organization target) {
        assertThatThrownBy(call).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(AdminErrors.NOT_PERMITTED);
        List<AuditRecord> refusals = Page.all(p -> core.unchecked().stores().auditLog().read(northwind.id(), p), 500)
                .stream()
                .filter(r -> r.entry().type().equals("admin.operation"))
                .filter(r -> operation.equals(r.entry().details().get("operation")))
                .filter(r -> "REFUSED".equals(r.entry().details().get("outcome")))
                .toList();
        assertThat(refusals).singleElement().satisfies(r -> {
            assertThat(r.entry().details()).containsEntry("reason", "admin.not_permitted");
            assertThat(r.entry().org()).contains(target.id());
        });
    }
}
