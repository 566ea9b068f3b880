package io.partnerid.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Obligation;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.Explanation;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.entitlement.Contract;
import io.partnerid.authz.entitlement.EntitlementCatalog;
import io.partnerid.authz.entitlement.EntitlementService;
import io.partnerid.authz.entitlement.QuotaLimit;
import io.partnerid.authz.entitlement.Tier;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.authz.grant.GrantAssignment;
import io.partnerid.authz.grant.GrantRepository;
import io.partnerid.authz.grant.JdbcGrantRepository;
import io.partnerid.authz.pipeline.AccessRequest;
import io.partnerid.authz.pipeline.IdentityVerifier;
import io.partnerid.authz.pipeline.VerifiedPrincipal;
import io.partnerid.authz.pipeline.ZeroTrustPipeline;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.authz.risk.JdbcRiskStateStore;
import io.partnerid.authz.risk.RiskAssessment;
import io.partnerid.authz.risk.RiskContext;
import io.partnerid.authz.risk.RiskEngine;
import io.partnerid.authz.risk.RiskPolicy;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The compiled examples of {@code docs/authz.md}. */
class AuthzGuideTests {

    static final String YAML = """
            schema: partnerid.authz/v1
            revision: "2026-11-30.1"
            resourceTypes:
              invoice:
                actions: {read: read, create: write, approve: write, delete: admin}
            orgs:
              - id: acme
                ceiling: ["invoice:*"]
                roles:
                  - {name: viewer, permissions: ["invoice:@read"]}
                  - {name: clerk, inherits: [viewer], permissions: ["invoice:create"]}
                  - name: approver
                    inherits: [clerk]
                    permissions:
                      - {pattern: "invoice:approve", condition: "resource.amount < 10000"}
                denies:
                  - {id: no-delete, pattern: "invoice:delete"}
              - id: acme-emea
                parent: acme
                ceiling: ["invoice:@read", "invoice:create"]
              - id: globex
            grants:
              - {id: acme-to-globex, grantor: acme, grantee: globex, roles: [viewer]}
            """;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));

    @Test
    void loadAndDecide() {
        Clock clock = this.clock;
        String yaml = YAML;
        // tag::load-and-decide[]
        PolicyEngine engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml(yaml));

        Subject alice = Subject.of("alice", OrgId.of("acme-emea"), List.of(RoleAssignment.of("approver")));
        Resource invoice = new Resource("invoice", "inv-42", OrgId.of("acme-emea"), Map.of("amount", 500));

        Decision create = engine.decide(AuthorizationRequest.of(alice, "create", invoice));
        Decision approve = engine.decide(AuthorizationRequest.of(alice, "approve", invoice));
        // create is permitted (role clerk, inherited from acme); approve is denied: it is above acme-emea's ceiling
        // end::load-and-decide[]
        assertThat(create.permitted()).isTrue();
        assertThat(approve.permitted()).isFalse();
        assertThat(approve.reasons().get(0).code()).isEqualTo("ceiling.exceeded");
    }

    @Test
    void builderAndValidation() {
        // tag::builder[]
        PolicyDocument doc = PolicyDocument.builder("v2")
                .resourceType("order", Map.of("read", TransactionType.READ, "create", TransactionType.WRITE))
                .org(PolicyDocument.org("acme").role("buyer", "order:create", "order:read"))
                .org(PolicyDocument.org("acme-emea").parent("acme").role("local-buyer", "order:create"))
                .build();
        try {
            PolicyEngine.create(Clock.systemUTC(), doc);
        } catch (PolicyValidationException e) {
            // $.orgs[1].roles[0].permissions[0]: permission 'order:create' is not delegated by parent organization
            // 'acme'
            e.violations().forEach(v -> System.out.println(v.path() + ": " + v.reason()));
        }
        // end::builder[]
        try {
            PolicyEngine.create(Clock.systemUTC(), doc);
            throw new AssertionError("expected a violation");
        } catch (PolicyValidationException e) {
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.path())
                    .isEqualTo("$.orgs[1].roles[0].permissions[0]"));
        }
    }

    @Test
    void explainAndRevoke() {
        PolicyEngine engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml(YAML));
        // tag::explain-and-revoke[]
        Subject bob = Subject.of("bob", OrgId.of("globex"), List.of(RoleAssignment.viaGrant("viewer",
                "acme-to-globex")));
        AuthorizationRequest read = AuthorizationRequest.of(bob, "read", Resource.of("invoice", "inv-1",
                OrgId.of("acme")));

        Explanation why = engine.explain(read);
        why.steps().forEach(System.out::println); // e.g. "acme role viewer APPLIED: grants invoice:read (assigned at acme)"

        engine.replaceGrants(List.of()); // revoke every grant: bob's derived assignment stops counting at once
        Decision after = engine.decide(read);
        // end::explain-and-revoke[]
        assertThat(why.decision().permitted()).isTrue();
        assertThat(why.steps()).anySatisfy(s -> assertThat(s.toString())
                .isEqualTo("acme role viewer APPLIED: grants invoice:read (assigned at acme)"));
        assertThat(after.permitted()).isFalse();
    }

    @Test
    void pipeline() {
        PolicyEngine engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml(YAML));
        IdentityRuntime runtime = TestRuntimes.on(clock);
        AuditPublisher audit = AuditPublisher.discarding();
        // tag::pipeline[]
        IdentityVerifier verifier = token -> token.equals("valid-token")
                ? new IdentityVerifier.Verified(new VerifiedPrincipal("alice", OrgId.of("acme"),
                        List.of(RoleAssignment.of("clerk")), Map.of(), Optional.empty()))
                : new IdentityVerifier.Refused("unknown token");
        EntitlementService entitlements = EntitlementService.builder(runtime, EntitlementCatalog.of(
                List.of(new Tier("pro", Set.of("invoicing"), Map.of("api-calls", QuotaLimit.of(1000,
                        Duration.ofMinutes(1))))),
                List.of(Contract.of(OrgId.of("acme"), "pro")))).build();
        RiskEngine risk = RiskEngine.builder(runtime)
                .policies(Map.of(OrgId.of("acme"), RiskPolicy.DEFAULT.withAllowlist("10.0.0.0/8")))
                .build();
        ZeroTrustPipeline pipeline = ZeroTrustPipeline.builder(runtime, verifier, engine, org -> true)
                .risk(risk).entitlements(entitlements).audit(audit, 0.05).build();

        Decision d = pipeline.authorize(AccessRequest.builder("valid-token", "create",
                        Resource.of("invoice", "inv-9", OrgId.of("acme")))
                .ip("10.1.2.3").deviceId("laptop-7")              // risk: allowlist, new device
                .feature("invoicing").quota("api-calls")          // entitlements: tier feature, one unit of quota
                .build());
        if (!d.permitted() && d.obligations().stream().anyMatch(o -> o instanceof Obligation.StepUp)) {
            // ask the user for a second factor, then retry with the stronger token
        }
        // end::pipeline[]
        // a first request from a new device asks for a step-up
        assertThat(d.obligations()).hasAtLeastOneElementOfType(Obligation.StepUp.class);
    }

    @Test
    void jdbcStores() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:authz-guide-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DataSource dataSource = h2;
        IdentityRuntime runtime = TestRuntimes.on(clock);
        // The grant's organizations are identity-core's: the policy document names them by their core ids.
        IdentityCore core = CoreFixtures.inMemory(clock).core();
        Actor platform = Actor.system("bootstrap");
        OrgId acme = core.admin().organizations().createRoot(platform, new NewOrganization("Acme")).id();
        OrgId globex = core.admin().organizations().createRoot(platform, new NewOrganization("Globex")).id();
        Actor globexAdmin = Actor.user("globex-admin");
        core.admin().adminGrants().grant(platform, new NewAdminGrant(globexAdmin, globex,
                EnumSet.of(AdminCapability.ASSIGN_ROLES)));
        PolicyEngine engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml("""
                schema: partnerid.authz/v1
                revision: "2026-11-30.1"
                resourceTypes:
                  invoice:
                    actions: {read: read, create: write}
                orgs:
                  - id: %1$s
                    roles:
                      - {name: viewer, permissions: ["invoice:@read"]}
                  - id: %2$s
                grants:
                  - {id: acme-to-globex, grantor: %1$s, grantee: %2$s, roles: [viewer]}
                """.formatted(acme, globex)));
        AuditPublisher audit = AuditPublisher.discarding();
        // tag::jdbc-stores[]
        PartnerIdSchema.migrate(dataSource, "authz"); // identity-authz's tables; a no-op when up to date
        GrantRepository grantRepository = new JdbcGrantRepository(dataSource);
        CrossOrgGrantService grants = CrossOrgGrantService.builder()
                .runtime(runtime).repository(grantRepository).engine(engine).auditPublisher(audit)
                .adminGuard(core.admin().guard())             // who may grant, revoke and assign: core's admin grants
                .build();
        JdbcRiskStateStore riskState = JdbcRiskStateStore.builder(dataSource, runtime.clock())
                .deviceTtl(Duration.ofDays(30))
                .build();
        RiskEngine risk = RiskEngine.builder(runtime).stateStore(riskState).build();

        // globexAdmin holds ASSIGN_ROLES over Globex: it hands Acme's offer to its own users
        grants.assign(globexAdmin, "acme-to-globex", globex, "bob", "viewer");
        RiskAssessment first = risk.assess(new RiskContext(globex, "bob", Optional.empty(),
                Optional.of("laptop-7"))); // new_device: every node now knows bob's laptop
        long purged = riskState.purgeExpired(); // schedule it, e.g. hourly, on any node
        // end::jdbc-stores[]
        // tag::grant-refresh[]
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        // on every node: grants and revocations made on other nodes take effect here within about 5 s
        scheduler.scheduleWithFixedDelay(grants.refreshTask(), 5, 5, TimeUnit.SECONDS);
        // end::grant-refresh[]
        scheduler.shutdownNow();
        assertThat(grants.refresh()).isFalse(); // nothing changed since this node's own assignment
        assertThat(grants.rejectedGrants()).isEmpty();
        assertThat(grantRepository.allGrants()).extracting(g -> g.id()).containsExactly("acme-to-globex");
        assertThat(grantRepository.assignmentsOf(globex, "bob")).extracting(GrantAssignment::role)
                .containsExactly("viewer");
        assertThat(first.signals()).extracting(sig -> sig.name()).containsExactly("new_device");
        assertThat(purged).isZero();
        assertThat(PartnerIdSchema.migrate(dataSource, "authz").applied()).isZero();
    }
}
