package io.partnerid.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.AdminOperationEvent;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.group.Group;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgStatus;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.GroupAssignee;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.InMemoryFederatedIssuerResolver;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserErrors;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DelegatedAdministrationTests {

    private static final Actor SYSTEM = Actor.system("bootstrap");

    private MutableClock clock;
    private IdentityCore core;
    private DelegatedAdministration admin;
    private io.partnerid.core.domain.InMemoryDnsTxtResolver dns;
    private InMemoryFederatedIssuerResolver issuers;

    private Organization northwind;
    private Organization equities;
    private Organization deskOne;
    private Organization risk;
    private Organization globex;
    private IdentityPool staff;
    private IdentityPool globexStaff;
    private User alice;
    private User bob;
    private User carol;
    private User mallory;
    private Role trader;
    private Role riskOfficer;
    private Actor aliceActor;
    private Actor bobActor;
    private Actor malloryActor;

    @BeforeEach
    void seed() {
        clock = MutableClock.standard();
        CoreFixtures.TestCore testCore = CoreFixtures.on(stores(), clock);
        core = testCore.core();
        dns = testCore.dns();
        issuers = testCore.issuers();
        admin = core.admin();
        northwind = admin.organizations().createRoot(SYSTEM, new NewOrganization("Northwind Capital"));
        equities = admin.organizations().create(SYSTEM, northwind.id(), new NewOrganization("Equities"));
        deskOne = admin.organizations().create(SYSTEM, equities.id(), new NewOrganization("Desk One"));
        risk = admin.organizations().create(SYSTEM, northwind.id(), new NewOrganization("Risk Analytics"));
        globex = admin.organizations().createRoot(SYSTEM, new NewOrganization("Globex Health"));
        staff = admin.users().createPool(SYSTEM, northwind.id(), "Northwind staff");
        globexStaff = admin.users().createPool(SYSTEM, globex.id(), "Globex staff");
        alice = admin.users().create(SYSTEM, newUser(staff, "alice"));
        bob = admin.users().create(SYSTEM, newUser(staff, "bob"));
        carol = admin.users().create(SYSTEM, newUser(staff, "carol"));
        mallory = admin.users().create(SYSTEM, newUser(globexStaff, "mallory"));
        trader = admin.roles().define(SYSTEM, northwind.id(),
                NewRole.builder("trader").permissions(Set.of("orders:read", "orders:write")).inheritable(true).build());
        riskOfficer = admin.roles().define(SYSTEM, northwind.id(), NewRole.builder("risk-officer")
                .permissions(Set.of("risk:approve")).inheritable(true).build());
        admin.roles().assign(SYSTEM, NewAssignment.builder(trader.id(), new UserAssignee(alice.id()), northwind.id())
                .build());
        aliceActor = Actor.user(alice.id().value());
        bobActor = Actor.user(bob.id().value());
        malloryActor = Actor.user(mallory.id().value());
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(aliceActor, northwind.id(),
                EnumSet.complementOf(EnumSet.of(AdminCapability.MANAGE_CLIENTS))));
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(bobActor, equities.id(),
                EnumSet.of(AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES)));
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(malloryActor, globex.id(),
                EnumSet.allOf(AdminCapability.class)));
    }

    /** The stores the façade runs on: in memory here, JDBC in the subclasses that run this suite on databases. */
    protected CoreStores stores() {
        return CoreStores.inMemory();
    }

    private static NewUser newUser(IdentityPool pool, String name) {
        return NewUser.builder(pool.id(), name).email(name + "@example.test").build();
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(code);
    }

    private List<AdminOperationEvent> adminEvents(OrgId tenant) {
        List<AdminOperationEvent> events = new ArrayList<>();
        for (AuditRecord r : Page.all(p -> core.unchecked().stores().auditLog().read(tenant, p), 500)) {
            if (r.entry().type().equals("admin.operation")) {
                events.add(new AdminOperationEvent(r.entry().occurredAt(), r.entry().tenant(), r.entry().org(),
                        SYSTEM, r.entry().details().get("operation"), r.entry().details().get("target"),
                        AdminOperationEvent.Outcome.valueOf(r.entry().details().get("outcome")),
                        Optional.ofNullable(r.entry().details().get("reason")),
                        Optional.ofNullable(r.entry().details().get("result"))));
            }
        }
        return events;
    }

    @Test
    void createOrganizationWhenInsideGrantThenCreatedAndAudited() {
        Organization fixedIncome = admin.organizations().create(aliceActor, northwind.id(),
                new NewOrganization("Fixed Income"));
        assertThat(fixedIncome.path().isStrictAncestorOf(fixedIncome.path())).isFalse();
        assertThat(northwind.path().isStrictAncestorOf(fixedIncome.path())).isTrue();
        assertThat(adminEvents(northwind.id())).anyMatch(e -> e.operation().equals("org.create")
                && e.outcome() == AdminOperationEvent.Outcome.PERFORMED);
    }

    @Test
    void createOrganizationWhenOutsideSubtreeThenNotPermittedAndRefusalAudited() {
        assertCode(() -> admin.organizations().create(bobActor, risk.id(), new NewOrganization("Shadow desk")),
                AdminErrors.NOT_PERMITTED);
        assertCode(() -> admin.organizations().create(malloryActor, northwind.id(), new NewOrganization("Implant")),
                AdminErrors.NOT_PERMITTED);
        assertThat(adminEvents(northwind.id())).anyMatch(e -> e.operation().equals("org.create")
                && e.outcome() == AdminOperationEvent.Outcome.REFUSED
                && e.reasonCode().equals(Optional.of("admin.not_permitted")));
        assertThat(core.unchecked().organizations().children(risk.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void refusalWhenTargetUnknownOrOutOfReachThenIndistinguishable() {
        IdentityException unknown = catchIdentity(() -> admin.organizations().get(malloryActor,
                OrgId.of("no-such-org")));
        IdentityException hidden = catchIdentity(() -> admin.organizations().get(malloryActor, northwind.id()));
        assertThat(unknown.code()).isEqualTo(hidden.code()).isEqualTo(AdminErrors.NOT_PERMITTED);
        assertThat(unknown.clientDescription()).isEqualTo(hidden.clientDescription());
    }

    private static IdentityException catchIdentity(ThrowingCallable call) {
        try {
            call.call();
        } catch (IdentityException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
        throw new AssertionError("expected an IdentityException");
    }

    @Test
    void createRootOrganizationWhenNotSystemThenNotPermitted() {
        assertCode(() -> admin.organizations().createRoot(aliceActor, new NewOrganization("Rogue tenant")),
                AdminErrors.NOT_PERMITTED);
    }

    @Test
    void grantAdminWhenActorLacksCapabilityThenEscalation() {
        // Bob holds MANAGE_USERS and ASSIGN_ROLES over Equities but not MANAGE_ADMINS.
        assertCode(() -> admin.adminGrants().grant(bobActor, new NewAdminGrant(
                Actor.user(carol.id().value()), equities.id(), EnumSet.of(AdminCapability.MANAGE_USERS))),
                AdminErrors.NOT_PERMITTED);
        // Alice holds MANAGE_ADMINS but not MANAGE_CLIENTS: she cannot hand out MANAGE_CLIENTS.
        assertCode(() -> admin.adminGrants().grant(aliceActor, new NewAdminGrant(bobActor,
                equities.id(), EnumSet.of(AdminCapability.MANAGE_CLIENTS))), AdminErrors.ESCALATION);
        assertThat(admin.adminGrants().capabilitiesAt(bobActor, equities.id()))
                .doesNotContain(AdminCapability.MANAGE_CLIENTS);
        AdminGrant granted = admin.adminGrants().grant(aliceActor, new NewAdminGrant(bobActor,
                deskOne.id(), EnumSet.of(AdminCapability.MANAGE_GROUPS)));
        assertThat(admin.adminGrants().capabilitiesAt(bobActor, deskOne.id())).contains(AdminCapability.MANAGE_GROUPS);
        admin.adminGrants().revoke(aliceActor, granted.id());
        assertThat(admin.adminGrants().capabilitiesAt(bobActor, deskOne.id()))
                .doesNotContain(AdminCapability.MANAGE_GROUPS);
    }

    @Test
    void assignRoleWhenActorDoesNotHoldItsPermissionsThenEscalation() {
        // Bob may assign roles in Equities but holds no role himself.
        assertCode(() -> admin.roles().assign(bobActor, NewAssignment.builder(trader.id(),
                new UserAssignee(carol.id()), deskOne.id()).build()), AdminErrors.ESCALATION);
        // Alice holds trader (inherited from Northwind) but not risk-officer.
        assertCode(() -> admin.roles().assign(aliceActor, NewAssignment.builder(riskOfficer.id(),
                new UserAssignee(carol.id()), deskOne.id()).build()), AdminErrors.ESCALATION);
        assertThat(core.unchecked().roles().effectivePermissions(carol.id(), deskOne.id(), clock.instant())).isEmpty();
        admin.roles().assign(aliceActor, NewAssignment.builder(trader.id(), new UserAssignee(carol.id()), deskOne.id())
                .build());
        assertThat(core.unchecked().roles().effectivePermissions(carol.id(), deskOne.id(), clock.instant()))
                .containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    void defineRoleWhenPermissionsNotHeldThenEscalation() {
        assertCode(() -> admin.roles().define(aliceActor, equities.id(),
                NewRole.builder("super-trader").permissions(Set.of("orders:read", "payments:release")).build()),
                AdminErrors.ESCALATION);
        Role narrow = admin.roles().define(aliceActor, equities.id(), NewRole.builder("viewer")
                .permissions(Set.of("orders:read")).build());
        assertThat(narrow.permissions()).containsExactly("orders:read");
    }

    @Test
    void addGroupMemberWhenGroupConfersARoleTheActorLacksThenEscalation() {
        Group riskCommittee = admin.groups().create(SYSTEM, northwind.id(), "Risk committee", Optional.empty());
        Group subCommittee = admin.groups().create(SYSTEM, northwind.id(), "Sub-committee",
                Optional.of(riskCommittee.id()));
        admin.roles().assign(SYSTEM, NewAssignment.builder(riskOfficer.id(), new GroupAssignee(riskCommittee.id()),
                northwind.id()).build());
        // Membership of the nested group confers the parent group's risk-officer role, which Alice does not hold.
        assertCode(() -> admin.groups().addMember(aliceActor, subCommittee.id(), carol.id()), AdminErrors.ESCALATION);
        assertThat(core.unchecked().roles().effectivePermissions(carol.id(), northwind.id(), clock.instant()))
                .isEmpty();
        Group traders = admin.groups().create(aliceActor, northwind.id(), "Traders", Optional.empty());
        admin.roles().assign(aliceActor, NewAssignment.builder(trader.id(), new GroupAssignee(traders.id()),
                northwind.id()).build());
        admin.groups().addMember(aliceActor, traders.id(), carol.id());
        assertThat(core.unchecked().roles().effectivePermissions(carol.id(), deskOne.id(), clock.instant()))
                .contains("orders:write");
    }

    @Test
    void readsWhenOutsideSubtreeThenNotPermitted() {
        assertThat(admin.organizations().subtree(bobActor, equities.id(), PageRequest.first(10)).items())
                .extracting(Organization::id).containsExactly(equities.id(), deskOne.id());
        assertCode(() -> admin.organizations().subtree(bobActor, northwind.id(), PageRequest.first(10)),
                AdminErrors.NOT_PERMITTED);
        assertCode(() -> admin.users().get(malloryActor, alice.id()), AdminErrors.NOT_PERMITTED);
        assertCode(() -> admin.users().list(malloryActor, staff.id(), PageRequest.first(10)),
                AdminErrors.NOT_PERMITTED);
    }

    @Test
    void suspendWhenPulledThenEveryAdministrativeOperationOnTheSubtreeIsRefused() {
        SuspensionReport report = admin.governance().suspend(aliceActor, equities.id(), "contract breach");
        assertThat(report.suspendedOrganizations()).containsExactly(equities.id(), deskOne.id());
        assertThat(report.section("admin-grants")).hasValueSatisfying(s -> assertThat(s.count()).isEqualTo(1));
        assertThat(core.unchecked().organizations().require(deskOne.id()).status()).isEqualTo(OrgStatus.SUSPENDED);

        IdentityPool deskPool = core.unchecked().users().createPool(risk.id(),
                "unaffected"); // outside the subtree: fine
        assertThat(deskPool).isNotNull();
        List<ThrowingCallable> operations = List.of(
                () -> admin.organizations().create(aliceActor, deskOne.id(), new NewOrganization("x")),
                () -> admin.organizations().rename(aliceActor, equities.id(), "y"),
                () -> admin.organizations().move(aliceActor, deskOne.id(), risk.id()),
                () -> admin.users().createPool(aliceActor, deskOne.id(), "p"),
                () -> admin.groups().create(aliceActor, deskOne.id(), "g", Optional.empty()),
                () -> admin.roles().define(aliceActor, equities.id(), NewRole.builder("r")
                        .permissions(Set.of("orders:read")).build()),
                () -> admin.roles().assign(aliceActor, NewAssignment.builder(trader.id(),
                        new UserAssignee(carol.id()), deskOne.id()).build()),
                () -> admin.adminGrants().grant(aliceActor, new NewAdminGrant(
                        Actor.user(carol.id().value()), deskOne.id(), EnumSet.of(AdminCapability.MANAGE_USERS))),
                () -> admin.governance().suspend(aliceActor, deskOne.id(), "again"),
                () -> admin.organizations().create(SYSTEM, equities.id(), new NewOrganization("even the system")));
        for (ThrowingCallable operation : operations) {
            assertCode(operation, OrgErrors.SUSPENDED);
        }
        // Bob's grant is rooted inside the suspended subtree: it confers nothing, not even the right to lift it.
        assertThatThrownBy(() -> admin.governance().resume(bobActor, equities.id(), "let me back in"))
                .isInstanceOf(IdentityException.class);
        assertThat(admin.governance().resume(aliceActor, equities.id(), "settled")).containsExactly(equities.id(),
                deskOne.id());
        assertThat(admin.organizations().create(aliceActor, deskOne.id(), new NewOrganization("back")).isActive())
                .isTrue();
    }

    @Test
    void resumeWhenChildWasSuspendedOnItsOwnThenItStaysSuspended() {
        admin.governance().suspend(aliceActor, deskOne.id(), "desk under review");
        admin.governance().suspend(aliceActor, northwind.id(), "whole partner");
        List<OrgId> resumed = admin.governance().resume(SYSTEM, northwind.id(), "partner back");
        assertThat(resumed).contains(northwind.id(), equities.id(), risk.id()).doesNotContain(deskOne.id());
        assertThat(core.unchecked().organizations().require(deskOne.id()).status()).isEqualTo(OrgStatus.SUSPENDED);
    }

    @Test
    void accessRequestWhenApprovedThenTimeBoundRoleAssignedAndDecisionAudited() {
        Actor carolActor = Actor.user(carol.id().value());
        Instant until = clock.instant().plus(Duration.ofDays(30));
        AccessRequest request = admin.accessRequests().submit(carolActor, NewAccessRequest.builder(deskOne.id(),
                trader.id(), "month-end cover").accessUntil(until).build());
        assertThat(admin.accessRequests().pending(aliceActor, deskOne.id(), PageRequest.first(10)).items())
                .extracting(AccessRequest::id).containsExactly(request.id());
        assertCode(() -> admin.accessRequests().approve(bobActor, request.id()), AdminErrors.NOT_PERMITTED);
        AccessRequest approved = admin.accessRequests().approve(aliceActor, request.id());
        assertThat(approved.status()).isEqualTo(AccessRequest.Status.APPROVED);
        assertThat(core.unchecked().roles().effectivePermissions(carol.id(), deskOne.id(), clock.instant()))
                .contains("orders:write");
        clock.advance(Duration.ofDays(31));
        assertThat(core.unchecked().roles().effectivePermissions(carol.id(), deskOne.id(), clock.instant())).isEmpty();
        assertCode(() -> admin.accessRequests().deny(aliceActor, request.id()), AdminErrors.INVALID_REQUEST);
        assertThat(Page.all(p -> core.unchecked().stores().auditLog().read(northwind.id(), p), 500))
                .anyMatch(r -> r.entry().type().equals("access_request.decision")
                        && r.entry().details().get("decision").equals("APPROVED"));
    }

    @Test
    void accessRequestWhenApproverLacksTheRoleThenEscalation() {
        AccessRequest request = admin.accessRequests().submit(Actor.user(carol.id().value()),
                NewAccessRequest.builder(deskOne.id(), riskOfficer.id(), "audit").build());
        assertCode(() -> admin.accessRequests().approve(aliceActor, request.id()), AdminErrors.ESCALATION);
        assertThat(admin.accessRequests().deny(aliceActor, request.id()).status())
                .isEqualTo(AccessRequest.Status.DENIED);
    }

    @Test
    void accessRequestWhenExpiredThenRefusedAndMarkedExpired() {
        AccessRequest request = admin.accessRequests().submit(Actor.user(carol.id().value()),
                NewAccessRequest.builder(deskOne.id(), trader.id(), "").build());
        clock.advance(Duration.ofDays(8));
        assertCode(() -> admin.accessRequests().approve(aliceActor, request.id()), AdminErrors.INVALID_REQUEST);
        assertThat(core.unchecked().stores().accessRequests().findById(request.id()).orElseThrow().status())
                .isEqualTo(AccessRequest.Status.EXPIRED);
        AccessRequest second = admin.accessRequests().submit(Actor.user(carol.id().value()),
                NewAccessRequest.builder(deskOne.id(), trader.id(), "").build());
        clock.advance(Duration.ofDays(8));
        assertThat(admin.accessRequests().expire(100)).isEqualTo(1);
        assertThat(core.unchecked().stores().accessRequests().findById(second.id()).orElseThrow().status())
                .isEqualTo(AccessRequest.Status.EXPIRED);
    }

    @Test
    void requestAccessWhenUserNotAffiliatedThenNotPermitted() {
        assertCode(() -> admin.accessRequests().submit(malloryActor, NewAccessRequest.builder(deskOne.id(),
                trader.id(), "let me in").build()), AdminErrors.NOT_PERMITTED);
    }

    @Test
    void invitationWhenRedeemedThenUserActiveWithRolesAndTokenSingleUse() {
        InvitationTicket ticket = admin.invitations().invite(aliceActor, new NewInvitation(staff.id(),
                "dave@northwind.example", Set.of(trader.id())));
        assertThat(ticket.toString()).doesNotContain(ticket.token());
        assertThat(ticket.invitation().tokenHash()).isNotEqualTo(ticket.token());
        InvitationRedemption first = admin.invitations().redeem(ticket.token(), "dave", "Dave");
        assertThat(first).isInstanceOf(InvitationRedemption.Accepted.class);
        User dave = ((InvitationRedemption.Accepted) first).user();
        assertThat(dave.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(core.unchecked().roles().effectivePermissions(dave.id(), northwind.id(), clock.instant()))
                .contains("orders:read");
        assertThat(admin.invitations().redeem(ticket.token(), "dave2", "Dave again"))
                .isInstanceOf(InvitationRedemption.Rejected.class);
        assertThat(admin.invitations().redeem("not-a-token", "eve", "Eve"))
                .isInstanceOf(InvitationRedemption.Rejected.class);
    }

    @Test
    void invitationWhenExpiredOrRevokedThenRejectedAlike() {
        InvitationTicket expiring = admin.invitations().invite(aliceActor, new NewInvitation(staff.id(),
                "e@northwind.example", Set.of()));
        InvitationTicket revoked = admin.invitations().invite(aliceActor, new NewInvitation(staff.id(),
                "r@northwind.example", Set.of()));
        admin.invitations().revoke(aliceActor, revoked.invitation().id());
        clock.advance(Duration.ofHours(73));
        InvitationRedemption a = admin.invitations().redeem(expiring.token(), "late", "Late");
        InvitationRedemption b = admin.invitations().redeem(revoked.token(), "gone", "Gone");
        assertThat(a).isEqualTo(b).isInstanceOf(InvitationRedemption.Rejected.class);
    }

    @Test
    void inviteWhenRoleNotHeldThenEscalation() {
        assertCode(() -> admin.invitations().invite(aliceActor, new NewInvitation(staff.id(),
                "x@northwind.example", Set.of(riskOfficer.id()))), AdminErrors.ESCALATION);
    }

    @Test
    void redeemInvitationWhenRacedThenExactlyOneUserCreated() throws Exception {
        InvitationTicket ticket = admin.invitations().invite(aliceActor, new NewInvitation(staff.id(),
                "race@northwind.example", Set.of()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<InvitationRedemption>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "racer" + i;
                attempts.add(() -> admin.invitations().redeem(ticket.token(), name, name));
            }
            long accepted = 0;
            for (Future<InvitationRedemption> f : pool.invokeAll(attempts)) {
                if (f.get() instanceof InvitationRedemption.Accepted) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void auditChainWhenManyOperationsThenIntactPerTenant() {
        admin.organizations().create(aliceActor, equities.id(), new NewOrganization("Derivatives"));
        assertThatThrownBy(() -> admin.organizations().create(malloryActor, equities.id(), new NewOrganization("z")))
                .isInstanceOf(IdentityException.class);
        admin.governance().suspend(malloryActor, globex.id(), "test");
        assertThat(core.auditVerifier().verify(northwind.id())).isInstanceOf(ChainVerification.Intact.class);
        assertThat(core.auditVerifier().verify(globex.id())).isInstanceOf(ChainVerification.Intact.class);
        assertThat(((ChainVerification.Intact) core.auditVerifier().verify(northwind.id())).records())
                .isGreaterThan(10);
    }

    @Test
    void verifyDomainWhenVerifiedByAnotherOrganizationThenRefusedWithoutNamingIt() {
        io.partnerid.core.domain.DomainName domain = io.partnerid.core.domain.DomainName.of("northwind.example");
        io.partnerid.core.domain.DomainChallenge challenge = admin.domains().claim(aliceActor, northwind.id(), domain);
        dns.put(challenge.recordName(), challenge.recordValue());
        assertThat(admin.domains().verify(aliceActor, northwind.id(), domain))
                .isInstanceOf(io.partnerid.core.domain.DomainVerification.Verified.class);
        io.partnerid.core.domain.DomainChallenge rival = admin.domains().claim(malloryActor, globex.id(), domain);
        dns.put(rival.recordName(), rival.recordValue(), challenge.recordValue());
        io.partnerid.core.domain.DomainVerification refused = admin.domains().verify(malloryActor, globex.id(), domain);
        assertThat(refused).isInstanceOf(io.partnerid.core.domain.DomainVerification.Refused.class);
        assertThat(refused.toString()).doesNotContain(northwind.id().value());
        assertThat(core.unchecked().domains().verifiedOwner(domain)).contains(northwind.id());
        assertCode(() -> admin.domains().claim(bobActor, equities.id(), domain), AdminErrors.NOT_PERMITTED);
    }

    @Test
    void verifyDomainWhenCheckedThenTheAuditRecordSaysWhatTheCheckCameTo() {
        io.partnerid.core.domain.DomainName domain = io.partnerid.core.domain.DomainName.of("northwind.example");
        io.partnerid.core.domain.DomainChallenge challenge = admin.domains().claim(aliceActor, northwind.id(), domain);
        admin.domains().verify(aliceActor, northwind.id(), domain); // record not published yet
        dns.put(challenge.recordName(), challenge.recordValue());
        admin.domains().verify(aliceActor, northwind.id(), domain);
        admin.domains().claim(malloryActor, globex.id(), domain);
        admin.domains().verify(malloryActor, globex.id(), domain);

        assertThat(adminEvents(northwind.id())).filteredOn(e -> e.operation().equals("domain.verify"))
                .extracting(AdminOperationEvent::outcome, AdminOperationEvent::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AdminOperationEvent.Outcome.PERFORMED,
                                Optional.of("pending.not_found_in_dns")),
                        org.assertj.core.groups.Tuple.tuple(AdminOperationEvent.Outcome.PERFORMED,
                                Optional.of("verified")));
        List<AdminOperationEvent> rival = adminEvents(globex.id()).stream()
                .filter(e -> e.operation().equals("domain.verify")).toList();
        assertThat(rival).extracting(AdminOperationEvent::result)
                .containsExactly(Optional.of("refused.verified_by_another_org"));
        assertThat(rival.get(0).details().values()).noneMatch(v -> v.contains(northwind.id().value()));
    }

    @Test
    void releaseDomainWhenPermittedThenStopsRoutingAndReleaseAudited() {
        io.partnerid.core.domain.DomainName domain = io.partnerid.core.domain.DomainName.of("northwind.example");
        io.partnerid.core.domain.DomainChallenge challenge = admin.domains().claim(aliceActor, equities.id(), domain);
        dns.put(challenge.recordName(), challenge.recordValue());
        admin.domains().verify(aliceActor, equities.id(), domain);

        assertCode(() -> admin.domains().release(malloryActor, equities.id(), domain), AdminErrors.NOT_PERMITTED);
        assertThat(core.unchecked().domains().verifiedOwner(domain)).contains(equities.id());
        assertThat(admin.domains().release(aliceActor, equities.id(), domain)).isTrue();

        assertThat(core.unchecked().domains().verifiedOwner(domain)).isEmpty();
        assertThat(adminEvents(northwind.id())).filteredOn(e -> e.operation().equals("domain.release"))
                .extracting(AdminOperationEvent::org, AdminOperationEvent::target, AdminOperationEvent::outcome,
                        AdminOperationEvent::reasonCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.of(equities.id()), "northwind.example",
                                AdminOperationEvent.Outcome.REFUSED, Optional.of("admin.not_permitted")),
                        org.assertj.core.groups.Tuple.tuple(Optional.of(equities.id()), "northwind.example",
                                AdminOperationEvent.Outcome.PERFORMED, Optional.empty()));
    }

    @Test
    void setSettingWhenAncestorLockedThenRefusedAndExplained() {
        admin.settings().set(aliceActor, northwind.id(), io.partnerid.core.settings.SettingKey.MFA_REQUIRED, true);
        admin.settings().lock(aliceActor, northwind.id(), io.partnerid.core.settings.SettingKey.MFA_REQUIRED);
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(bobActor, equities.id(),
                EnumSet.of(AdminCapability.MANAGE_SETTINGS)));
        assertCode(() -> admin.settings().set(bobActor, equities.id(),
                io.partnerid.core.settings.SettingKey.MFA_REQUIRED,
                false), io.partnerid.core.settings.SettingsErrors.LOCKED_BY_ANCESTOR);
        assertThat(admin.settings().explain(bobActor, deskOne.id(), io.partnerid.core.settings.SettingKey.MFA_REQUIRED)
                .effective().value()).isTrue();
        assertCode(() -> admin.settings().set(malloryActor, equities.id(),
                io.partnerid.core.settings.SettingKey.MFA_REQUIRED, false), AdminErrors.NOT_PERMITTED);
    }

    @Test
    void moveOrganizationWhenSubtreeHoldsASuspendedOrganizationThenRefused() {
        admin.governance().suspend(aliceActor, deskOne.id(), "desk under review");
        assertCode(() -> admin.organizations().move(aliceActor, equities.id(), risk.id()), OrgErrors.SUSPENDED);
        assertThat(core.unchecked().organizations().require(deskOne.id()).path().isStrictAncestorOf(
                core.unchecked().organizations().require(equities.id()).path())).isFalse();
        assertThat(core.unchecked().organizations().require(equities.id()).parentId()).contains(northwind.id());
    }

    @Test
    void redeemInvitationWhenInviterLostTheGrantThenRejected() {
        Actor eve = Actor.user(carol.id().value());
        admin.roles().assign(SYSTEM, NewAssignment.builder(trader.id(), new UserAssignee(carol.id()), northwind.id())
                .build());
        AdminGrant grant = admin.adminGrants().grant(SYSTEM, new NewAdminGrant(eve, northwind.id(),
                EnumSet.of(AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES)));
        InvitationTicket ticket = admin.invitations().invite(eve, new NewInvitation(staff.id(),
                "friend@northwind.example", Set.of(trader.id())));
        admin.adminGrants().revoke(SYSTEM, grant.id());
        assertThat(admin.invitations().redeem(ticket.token(), "friend", "Friend"))
                .isInstanceOf(InvitationRedemption.Rejected.class);
        assertThat(core.unchecked().users().findByUsername(staff.id(), "friend")).isEmpty();
    }

    @Test
    void auditTrailWhenReadBySubtreeAdminThenOnlyItsSubtreeAndNeedsViewAudit() {
        admin.organizations().create(aliceActor, equities.id(), new NewOrganization("Derivatives"));
        admin.organizations().create(aliceActor, risk.id(), new NewOrganization("Model validation"));
        Actor auditor = Actor.user(carol.id().value());
        assertCode(() -> admin.governance().auditTrail(auditor, equities.id(), PageRequest.first(50)),
                AdminErrors.NOT_PERMITTED);
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(auditor, equities.id(),
                EnumSet.of(AdminCapability.VIEW_AUDIT)));
        List<AuditRecord> seen = Page.all(p -> admin.governance().auditTrail(auditor, equities.id(), p), 3);
        assertThat(seen).isNotEmpty().allSatisfy(r -> assertThat(r.entry().org()).hasValueSatisfying(
                org -> assertThat(equities.path().isAncestorOrSelfOf(core.unchecked().organizations().require(org)
                        .path()))
                        .isTrue()));
        assertThat(seen).extracting(AuditRecord::sequence).isSorted().doesNotHaveDuplicates();
        List<AuditRecord> all = Page.all(p -> admin.governance().auditTrail(aliceActor, northwind.id(), p), 7);
        assertThat(all).hasSizeGreaterThan(seen.size());
        assertCode(() -> admin.governance().auditTrail(bobActor, equities.id(), PageRequest.first(5)),
                AdminErrors.NOT_PERMITTED);
    }

    @Test
    @DisplayName("R2: an admin of another tenant can neither take nor shadow a tenant's federated link")
    void linkFederatedIdentityWhenAdminOfAnotherTenantUsesTheTenantsIssuerThenRefusedAndTheTenantsLinkUnaffected() {
        String issuer = "https://login.northwind.example";
        issuers.register(northwind.id(), issuer);
        // Globex's admin holds MANAGE_USERS over Globex, but Northwind's issuer is not registered to Globex.
        assertCode(() -> admin.users().link(malloryActor, mallory.id(), issuer, "248289761001"),
                UserErrors.FEDERATED_ISSUER_NOT_REGISTERED);
        assertCode(() -> admin.users().link(malloryActor, carol.id(), issuer, "248289761001"),
                AdminErrors.NOT_PERMITTED);
        admin.users().link(aliceActor, carol.id(), issuer, "248289761001"); // not blocked by the attempt
        assertThat(core.unchecked().users().findByFederatedIdentity(northwind.id(), issuer, "248289761001"))
                .contains(carol);

        // Globex registers the same issuer string for itself: its link lives in its own tenant only.
        issuers.register(globex.id(), issuer);
        admin.users().link(malloryActor, mallory.id(), issuer, "248289761001");
        assertThat(core.unchecked().users().findByFederatedIdentity(northwind.id(), issuer, "248289761001"))
                .contains(carol);
        assertThat(core.unchecked().users().findByFederatedIdentity(deskOne.id(), issuer, "248289761001"))
                .contains(carol);
        assertThat(core.unchecked().users().findByFederatedIdentity(globex.id(), issuer, "248289761001"))
                .contains(mallory);
        assertThat(core.unchecked().users().unlink(mallory.id(), issuer, "248289761001")).isTrue();
        assertThat(core.unchecked().users().findByFederatedIdentity(northwind.id(), issuer, "248289761001"))
                .contains(carol);
        admin.users().link(aliceActor, bob.id(), issuer, "next-subject"); // Northwind keeps linking
        assertThat(core.unchecked().users().findByFederatedIdentity(globex.id(), issuer, "next-subject")).isEmpty();
        assertThat(adminEvents(globex.id())).anyMatch(e -> e.operation().equals("user.link")
                && e.outcome() == AdminOperationEvent.Outcome.REFUSED
                && e.reasonCode().equals(Optional.of("user.federated_issuer_not_registered")));
    }

    @Test
    void guardWhenActorHoldsCapabilityOverTargetOrAncestorThenPasses() {
        AdminGuard guard = admin.guard();
        guard.require(aliceActor, AdminCapability.MANAGE_GRANTS, deskOne.id(), "grant.create");
        guard.require(bobActor, AdminCapability.ASSIGN_ROLES, deskOne.id(), "grant.assign");
        guard.require(SYSTEM, AdminCapability.MANAGE_GRANTS, globex.id(), "grant.create");
    }

    @Test
    @DisplayName("R4: the guard refuses without the capability, outside the subtree, across tenants, and audits it")
    void guardWhenCapabilityMissingOrTargetOutsideReachThenNotPermittedAndRefusalAudited() {
        AdminGuard guard = admin.guard();
        assertCode(() -> guard.require(bobActor, AdminCapability.MANAGE_GRANTS, equities.id(), "grant.create"),
                AdminErrors.NOT_PERMITTED);
        assertCode(() -> guard.require(bobActor, AdminCapability.ASSIGN_ROLES, risk.id(), "grant.assign"),
                AdminErrors.NOT_PERMITTED);
        assertCode(() -> guard.require(malloryActor, AdminCapability.MANAGE_GRANTS, northwind.id(), "grant.create"),
                AdminErrors.NOT_PERMITTED);
        assertThat(adminEvents(northwind.id())).filteredOn(e -> e.outcome() == AdminOperationEvent.Outcome.REFUSED)
                .extracting(AdminOperationEvent::operation).contains("grant.create", "grant.assign");
    }

    @Test
    void guardWhenTargetUnknownThenNotPermittedExceptForTheSystem() {
        AdminGuard guard = admin.guard();
        IdentityException unknown = catchIdentity(() -> guard.require(aliceActor, AdminCapability.MANAGE_GRANTS,
                OrgId.of("no-such-org"), "grant.create"));
        IdentityException hidden = catchIdentity(() -> guard.require(aliceActor, AdminCapability.MANAGE_GRANTS,
                globex.id(), "grant.create"));
        assertThat(unknown.code()).isEqualTo(hidden.code()).isEqualTo(AdminErrors.NOT_PERMITTED);
        assertThat(unknown.clientDescription()).isEqualTo(hidden.clientDescription());
        guard.require(SYSTEM, AdminCapability.MANAGE_GRANTS, OrgId.of("policy-only-org"), "grant.create");
    }

    @Test
    void guardWhenTargetSuspendedThenOrgSuspendedEvenForTheSystem() {
        admin.governance().suspend(SYSTEM, equities.id(), "incident");
        AdminGuard guard = admin.guard();
        assertCode(() -> guard.require(aliceActor, AdminCapability.MANAGE_GRANTS, deskOne.id(), "grant.create"),
                OrgErrors.SUSPENDED);
        assertCode(() -> guard.require(SYSTEM, AdminCapability.MANAGE_GRANTS, deskOne.id(), "grant.create"),
                OrgErrors.SUSPENDED);
    }
}
