package io.partnerid.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.AdminErrors;
import io.partnerid.core.admin.DelegatedAdministration;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.audit.AsyncAuditPublisher;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.audit.DomainLapsedEvent;
import io.partnerid.core.domain.DomainChallenge;
import io.partnerid.core.domain.DomainName;
import io.partnerid.core.domain.DomainVerification;
import io.partnerid.core.domain.InMemoryDnsTxtResolver;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.settings.EffectiveSetting;
import io.partnerid.core.settings.SettingKey;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.InMemoryFederatedIssuerResolver;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/core.md, compiled and run; DocSnippetsTests keeps the guide identical to the tagged regions. */
class CoreGuideExamples {

    @Test
    void guide() throws Exception {
        InMemoryDnsTxtResolver dns = new InMemoryDnsTxtResolver();
        InMemoryFederatedIssuerResolver issuers = new InMemoryFederatedIssuerResolver();
        PrivateKeyProtector keyProtector = PrivateKeyProtector.unprotected(); // a KMS-held key in production
        // tag::wiring[]
        SecureRandom random = SecureRandom.getInstance("DRBG");
        IdentityRuntime runtime = new IdentityRuntime(Clock.systemUTC(), IdGenerator.random(random), random);
        CoreStores stores = CoreStores.inMemory();               // or JDBC stores in a deployment
        AsyncAuditPublisher audit = AsyncAuditPublisher.builder(stores.auditLog()).build();
        IdentityCore core = IdentityCore.builder()
                .stores(stores)
                .runtime(runtime)
                .auditPublisher(audit)
                .dnsResolver(dns)                                // JndiDnsTxtResolver.builder().build() in production
                .federatedIssuers(issuers)                       // identity-federation's connections in production
                .tokens("https://id.example.com", keyProtector)  // PrivateKeyProtector.aesGcm(kek, random)
                .build();
        DelegatedAdministration admin = core.admin();
        // end::wiring[]

        // tag::tree[]
        Actor platform = Actor.system("bootstrap");              // the host's own authority, never from a request
        Organization meridian = admin.organizations().createRoot(platform, new NewOrganization("Meridian Capital"));
        Organization equities = admin.organizations().create(platform, meridian.id(), new NewOrganization("Equities"));
        Organization apac = admin.organizations().create(platform, equities.id(), new NewOrganization("APAC Desk"));
        IdentityPool workforce = admin.users().createPool(platform, meridian.id(), "Meridian workforce");
        // end::tree[]

        // tag::delegation[]
        Role trader = admin.roles().define(platform, meridian.id(), NewRole.builder("trader")
                .permissions(Set.of("orders:read", "orders:write"))
                .inheritable(true)                               // assignable and effective down the tree
                .build());
        Role approver = admin.roles().define(platform, meridian.id(), NewRole.builder("payments-approver")
                .permissions(Set.of("payments:approve")).inheritable(true).build());
        User itAdmin = admin.users().create(platform, NewUser.builder(workforce.id(), "it-admin")
                .email("it@meridian.example")
                .displayName("Meridian IT")
                .build());                                       // ACTIVE unless .status(UserStatus.INVITED)
        admin.roles().assign(platform,
                NewAssignment.builder(trader.id(), new UserAssignee(itAdmin.id()), meridian.id()).build());
        Actor partnerAdmin = Actor.user(itAdmin.id().value());
        admin.adminGrants().grant(platform, new NewAdminGrant(partnerAdmin, meridian.id(),
                EnumSet.of(AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES)));

        // The partner's admin now onboards its own people, inside its own subtree only:
        User analyst = admin.users().create(partnerAdmin,
                NewUser.builder(workforce.id(), "analyst").displayName("Analyst").build());
        admin.roles().assign(partnerAdmin, NewAssignment.builder(trader.id(), new UserAssignee(analyst.id()), apac.id())
                .validUntil(runtime.now().plus(Duration.ofDays(30)))   // time-bound access
                .build());
        // ... but never grants what it does not hold itself:
        assertThatThrownBy(() -> admin.roles().assign(partnerAdmin,
                NewAssignment.builder(approver.id(), new UserAssignee(analyst.id()), apac.id()).build()))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AdminErrors.ESCALATION));
        // end::delegation[]
        assertThat(admin.roles().effectivePermissions(partnerAdmin, analyst.id(), apac.id())).contains("orders:write");

        // tag::links[]
        String meridianIdp = "https://login.meridian.example";
        issuers.register(meridian.id(), meridianIdp);            // federation registers Meridian's connections
        admin.users().link(partnerAdmin, analyst.id(), meridianIdp, "248289761001");
        Optional<User> loggedIn = core.unchecked().users()       // a read: a login routed by Meridian's connection
                .findByFederatedIdentity(meridian.id(), meridianIdp, "248289761001");
        // end::links[]
        assertThat(loggedIn).contains(analyst);

        // tag::settings[]
        admin.settings().set(platform, meridian.id(), SettingKey.MFA_REQUIRED, true);
        admin.settings().lock(platform, meridian.id(), SettingKey.MFA_REQUIRED);   // a guardrail for the whole subtree
        EffectiveSetting<Boolean> mfa = admin.settings().explain(partnerAdmin, apac.id(), SettingKey.MFA_REQUIRED)
                .effective();
        // mfa.value() == true, mfa.lockedBy() == Optional.of(meridian.id())
        // end::settings[]
        assertThat(mfa.value()).isTrue();
        assertThat(mfa.lockedBy()).contains(meridian.id());

        // tag::domains[]
        DomainName domain = DomainName.of("meridian.example");
        DomainChallenge challenge = admin.domains().claim(platform, meridian.id(), domain);
        // the partner publishes challenge.recordName() TXT challenge.recordValue() in its DNS, then:
        dns.put(challenge.recordName(), challenge.recordValue());
        DomainVerification verification = admin.domains().verify(platform, meridian.id(), domain);
        // only a verified domain of an active organization routes logins and provisioning (a read for routing)
        Optional<io.partnerid.core.org.OrgId> owner = core.unchecked().domains().verifiedOwner(domain);
        // end::domains[]
        assertThat(verification).isInstanceOf(DomainVerification.Verified.class);
        assertThat(owner).contains(meridian.id());

        // tag::lapse[]
        dns.remove(challenge.recordName());             // the record was cleaned up, or the domain changed hands
        DomainVerification recheck = admin.domains().recheck(meridian.id(), domain);   // a periodic job, e.g. daily
        // Pending(LAPSED, new challenge): the domain no longer routes to Meridian, and a DomainLapsedEvent
        // (domain.lapsed, actor system:domain-recheck) joins Meridian's audit chain
        // end::lapse[]
        assertThat(recheck).isInstanceOfSatisfying(DomainVerification.Pending.class,
                p -> assertThat(p.reason()).isEqualTo(DomainVerification.PendingReason.LAPSED));
        assertThat(core.unchecked().domains().verifiedOwner(domain)).isEmpty();

        // tag::killswitch[]
        SuspensionReport report = admin.governance().suspend(platform, equities.id(), "contract terminated");
        // report.suspendedOrganizations(): Equities and APAC Desk; report.sections(): what each module cut
        assertThatThrownBy(() -> admin.organizations().create(platform, apac.id(), new NewOrganization("Sydney")))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(OrgErrors.SUSPENDED));
        admin.governance().resume(platform, equities.id(), "contract renewed");   // restores what this suspension cut
        // end::killswitch[]
        assertThat(report.suspendedOrganizations()).containsExactly(equities.id(), apac.id());

        // tag::audit[]
        audit.flush(Duration.ofSeconds(5));
        ChainVerification chain = core.auditVerifier().verify(meridian.id());
        // ChainVerification.Intact(tenant, records, headHash) — keep headHash outside the database as an anchor
        // end::audit[]
        assertThat(chain).isInstanceOf(ChainVerification.Intact.class);
        assertThat(Page.all(p -> stores.auditLog().read(meridian.id(), p), 100))
                .filteredOn(r -> r.entry().type().equals(DomainLapsedEvent.TYPE)).singleElement()
                .satisfies(r -> assertThat(r.entry().details()).containsEntry("domain", "meridian.example")
                        .doesNotContainValue(challenge.recordValue()));
        audit.close();
    }
}
