package io.partnerid.authz.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.Resource;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.core.Actor;
import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.AdminErrors;
import io.partnerid.core.admin.DelegatedAdministration;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who may grant, revoke and assign cross-organization grants (catalogue row R4): the service is built with a real
 * identity-core's {@link DelegatedAdministration#guard()}, and the policy document names core's organizations.
 */
class CrossOrgGrantAuthorityTests {

    private static final Actor SYSTEM = Actor.system("bootstrap");

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final List<AuditEvent> audited = new ArrayList<>();
    private CoreFixtures.TestCore core;
    private DelegatedAdministration admin;
    private PolicyEngine engine;
    private CrossOrgGrantService grants;

    private Organization acme;
    private Organization acmeEmea;
    private Organization globex;
    private Organization globexRetail;
    private Organization initech;
    /** MANAGE_GRANTS over Acme: offers and withdraws Acme's roles. */
    private Actor acmeGrantsAdmin;
    /** MANAGE_USERS and ASSIGN_ROLES over Acme, no MANAGE_GRANTS. */
    private Actor acmeUsersAdmin;
    /** ASSIGN_ROLES over Globex Retail only. */
    private Actor retailAdmin;
    /** MANAGE_GRANTS over Globex, no ASSIGN_ROLES. */
    private Actor globexGrantsAdmin;
    /** Every capability over Initech, another tenant. */
    private Actor initechAdmin;

    @BeforeEach
    void setUp() {
        core = CoreFixtures.inMemory(clock);
        admin = core.core().admin();
        acme = admin.organizations().createRoot(SYSTEM, new NewOrganization("Acme"));
        acmeEmea = admin.organizations().create(SYSTEM, acme.id(), new NewOrganization("Acme EMEA"));
        globex = admin.organizations().createRoot(SYSTEM, new NewOrganization("Globex"));
        globexRetail = admin.organizations().create(SYSTEM, globex.id(), new NewOrganization("Globex Retail"));
        initech = admin.organizations().createRoot(SYSTEM, new NewOrganization("Initech"));
        acmeGrantsAdmin = adminOf("acme-grants", acme, AdminCapability.MANAGE_GRANTS);
        acmeUsersAdmin = adminOf("acme-users", acme, AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES);
        retailAdmin = adminOf("retail", globexRetail, AdminCapability.ASSIGN_ROLES);
        globexGrantsAdmin = adminOf("globex-grants", globex, AdminCapability.MANAGE_GRANTS);
        initechAdmin = adminOf("initech", initech, AdminCapability.values());

        engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml("""
                schema: partnerid.authz/v1
                revision: "1"
                resourceTypes:
                  order:
                    actions: {read: read, create: write}
                orgs:
                  - id: %s
                    roles:
                      - {name: viewer, permissions: ["order:read"]}
                      - {name: clerk, permissions: ["order:create"], inherits: [viewer]}
                  - id: %s
                    parent: %s
                  - id: %s
                    roles:
                      - {name: viewer, permissions: ["order:read"]}
                  - id: %s
                    parent: %s
                  - id: %s
                    roles:
                      - {name: viewer, permissions: ["order:read"]}
                """.formatted(acme.id(), acmeEmea.id(), acme.id(), globex.id(), globexRetail.id(), globex.id(),
                initech.id())));
        grants = CrossOrgGrantService.builder().runtime(TestRuntimes.on(clock))
                .repository(new InMemoryGrantRepository())
                .engine(engine).auditPublisher(audited::add).adminGuard(admin.guard()).build();
    }

    private Actor adminOf(String name, Organization scope, AdminCapability... capabilities) {
        Actor actor = Actor.user(name);
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(actor, scope.id(), EnumSet.of(capabilities[0],
                capabilities)));
        return actor;
    }

    private GrantDef acmeToGlobex(String id, String... roles) {
        return new GrantDef(id, acme.id().value(), globex.id().value(), List.of(roles), List.of(), Optional.empty(),
                Optional.empty());
    }

    private boolean mayRead(String user, OrgId userOrg) {
        Subject subject = Subject.of(user, userOrg, grants.roleAssignments(userOrg, user));
        return engine.decide(AuthorizationRequest.of(subject, "read", Resource.of("order", "o1", acme.id())))
                .permitted();
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private List<String> refusedOperations(OrgId tenant) {
        List<String> refused = new ArrayList<>();
        for (AuditRecord r : Page.all(p -> core.core().unchecked().stores().auditLog().read(tenant, p), 500)) {
            if (r.entry().type().equals("admin.operation") && "REFUSED".equals(r.entry().details().get("outcome"))) {
                refused.add(r.entry().details().get("operation"));
            }
        }
        return refused;
    }

    @Test
    void grantWhenActorHoldsManageGrantsOverGrantorThenGrantedAndPartnerAdminAssigns() {
        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer"));
        grants.assign(retailAdmin, "g1", globexRetail.id(), "bob", "viewer");
        assertThat(mayRead("bob", globexRetail.id())).isTrue();
        assertThat(grants.revoke(acmeGrantsAdmin, "g1")).extracting(GrantAssignment::subjectId).containsExactly("bob");
        assertThat(mayRead("bob", globexRetail.id())).isFalse();
    }

    @Test
    @DisplayName("R4: an actor without MANAGE_GRANTS over the grantor can neither grant nor revoke")
    void grantAndRevokeWhenActorLacksManageGrantsOverGrantorThenNotPermittedAndNothingChanges() {
        assertCode(() -> grants.grant(acmeUsersAdmin, acmeToGlobex("g1", "viewer")), AdminErrors.NOT_PERMITTED);
        assertCode(() -> grants.grant(retailAdmin, acmeToGlobex("g1", "viewer")), AdminErrors.NOT_PERMITTED);
        // The grantee's admin cannot offer itself the grantor's roles either.
        assertCode(() -> grants.grant(globexGrantsAdmin, acmeToGlobex("g1", "viewer")), AdminErrors.NOT_PERMITTED);
        assertThat(grants.revoke(acmeGrantsAdmin, "g1")).isEmpty();
        assertThat(engine.snapshot().document().grants()).isEmpty();

        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer"));
        grants.assign(retailAdmin, "g1", globexRetail.id(), "bob", "viewer");
        assertCode(() -> grants.revoke(acmeUsersAdmin, "g1"), AdminErrors.NOT_PERMITTED);
        assertCode(() -> grants.revoke(globexGrantsAdmin, "g1"), AdminErrors.NOT_PERMITTED);
        assertThat(mayRead("bob", globexRetail.id())).isTrue();
        assertThat(refusedOperations(acme.id())).contains("grant.create", "grant.revoke");
    }

    @Test
    @DisplayName("R4: an actor without ASSIGN_ROLES over the receiving user's organization cannot assign")
    void assignWhenActorLacksAssignRolesOverSubjectOrganizationThenNotPermittedAndNothingStored() {
        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer"));
        // The grantor's admin cannot place users into the partner; the partner's grants admin holds no ASSIGN_ROLES;
        // the retail admin reaches Globex Retail only, not Globex itself.
        assertCode(() -> grants.assign(acmeGrantsAdmin, "g1", globex.id(), "bob", "viewer"), AdminErrors.NOT_PERMITTED);
        assertCode(() -> grants.assign(globexGrantsAdmin, "g1", globex.id(), "bob", "viewer"),
                AdminErrors.NOT_PERMITTED);
        assertCode(() -> grants.assign(retailAdmin, "g1", globex.id(), "bob", "viewer"), AdminErrors.NOT_PERMITTED);
        assertCode(() -> grants.assign(retailAdmin, "g1", OrgId.of("not-in-core"), "bob", "viewer"),
                AdminErrors.NOT_PERMITTED);
        assertThat(grants.roleAssignments(globex.id(), "bob")).isEmpty();
        assertThat(mayRead("bob", globex.id())).isFalse();
        assertThat(refusedOperations(globex.id())).contains("grant.assign");
        // Within its reach and the offer, the partner's admin assigns; outside the offer it still cannot.
        grants.assign(retailAdmin, "g1", globexRetail.id(), "bob", "viewer");
        assertCode(() -> grants.assign(retailAdmin, "g1", globexRetail.id(), "bob", "clerk"),
                AuthzErrors.GRANT_INVALID);
    }

    @Test
    @DisplayName("R4: an admin of another tenant can neither grant, revoke nor assign")
    void grantRevokeAndAssignWhenAdminOfAnotherTenantThenNotPermitted() {
        assertCode(() -> grants.grant(initechAdmin, acmeToGlobex("g1", "viewer")), AdminErrors.NOT_PERMITTED);
        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer"));
        assertCode(() -> grants.assign(initechAdmin, "g1", globexRetail.id(), "mallory", "viewer"),
                AdminErrors.NOT_PERMITTED);
        assertCode(() -> grants.revoke(initechAdmin, "g1"), AdminErrors.NOT_PERMITTED);
        // Nor can it assign its own users into someone else's grant: they lie outside the grantee.
        assertCode(() -> grants.assign(initechAdmin, "g1", initech.id(), "mallory", "viewer"),
                AuthzErrors.GRANT_INVALID);
        assertThat(engine.snapshot().document().grants()).extracting(GrantDef::id).containsExactly("g1");
        assertThat(grants.roleAssignments(initech.id(), "mallory")).isEmpty();
    }

    @Test
    @DisplayName("R4: a grant id used by one grantor cannot be taken over by another")
    void grantWhenIdUsedByAnotherGrantorThenGrantIdTakenAndOriginalKept() {
        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer"));
        grants.assign(retailAdmin, "g1", globexRetail.id(), "bob", "viewer");
        GrantDef hijack = new GrantDef("g1", globex.id().value(), acme.id().value(), List.of("viewer"), List.of(),
                Optional.empty(), Optional.empty());
        assertCode(() -> grants.grant(globexGrantsAdmin, hijack), AuthzErrors.GRANT_ID_TAKEN);
        assertCode(() -> grants.grant(SYSTEM, hijack), AuthzErrors.GRANT_ID_TAKEN);
        assertThat(engine.snapshot().document().grants()).containsExactly(acmeToGlobex("g1", "viewer"));
        assertThat(mayRead("bob", globexRetail.id())).isTrue();
    }

    @Test
    void grantWhenSameGrantorReusesIdThenUpdatedAndAudited() {
        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer"));
        audited.clear();
        grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer", "clerk"));
        assertThat(engine.snapshot().document().grants()).containsExactly(acmeToGlobex("g1", "viewer", "clerk"));
        assertThat(audited).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(PrivilegeChangeEvent.class));
        assertThat(audited).extracting(e -> e.details().get("change")).containsExactly("REVOKED", "GRANTED");
        assertThat(audited).extracting(e -> e.details().get("privilege"))
                .containsExactly("grant:g1:viewer", "grant:g1:viewer+clerk");
    }

    @Test
    void grantWhenGrantorSuspendedThenRefused() {
        admin.governance().suspend(SYSTEM, acme.id(), "incident");
        assertCode(() -> grants.grant(SYSTEM, acmeToGlobex("g1", "viewer")), OrgErrors.SUSPENDED);
        assertCode(() -> grants.grant(acmeGrantsAdmin, acmeToGlobex("g1", "viewer")), OrgErrors.SUSPENDED);
        assertThat(engine.snapshot().document().grants()).isEmpty();
    }

    @Test
    void buildWhenAdminGuardMissingThenIllegalState() {
        assertThatThrownBy(() -> CrossOrgGrantService.builder().runtime(TestRuntimes.on(clock))
                .repository(new InMemoryGrantRepository()).engine(engine).auditPublisher(audited::add).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("adminGuard");
    }
}
