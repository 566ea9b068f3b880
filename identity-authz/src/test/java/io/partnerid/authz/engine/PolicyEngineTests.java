package io.partnerid.authz.engine;

import static io.partnerid.authz.AuthzFixtures.request;
import static io.partnerid.authz.AuthzFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.AuthzFixtures;
import io.partnerid.authz.Decision;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyEngineTests {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final PolicyEngine engine = PolicyEngine.create(clock, AuthzFixtures.supplyChain());

    private boolean permits(AuthorizationRequest r) {
        return engine.decide(r).permitted();
    }

    @Test
    void decideWhenRoleInheritedDownTheTreeThenPermit() {
        Subject parisClerk = user("u1", "acme-emea-paris", RoleAssignment.of("clerk"));
        assertThat(permits(request(parisClerk, "create", "invoice", "acme-emea-paris"))).isTrue();
        assertThat(permits(request(parisClerk, "read", "order", "acme-emea-paris"))).isTrue(); // via viewer
        Decision d = engine.decide(request(parisClerk, "create", "invoice", "acme-emea-paris"));
        assertThat(d.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("role.permit");
            assertThat(r.detail()).contains("'clerk'", "acme");
        });
    }

    @Test
    void decideWhenPermittingRoleIsAnyOfManyAssignmentsThenThatRolePermits() {
        // the first two role names are resolved ahead of the organization records, later ones in the loop: a
        // permitting role in every position must permit, and be the one named
        for (int at = 0; at < 4; at++) {
            List<RoleAssignment> roles = new ArrayList<>(List.of(RoleAssignment.of("viewer"),
                    RoleAssignment.of("no-such-role"), RoleAssignment.of("viewer")));
            roles.add(at, RoleAssignment.of("clerk"));
            Decision d = engine.decide(request(user("u1", "acme-emea-paris", roles.toArray(RoleAssignment[]::new)),
                    "create", "invoice", "acme-emea-paris"));
            assertThat(d.permitted()).as("clerk at position %d", at).isTrue();
            assertThat(d.reasons().get(0).detail()).contains("'clerk'");
        }
        Subject noClerk = user("u1", "acme-emea-paris", RoleAssignment.of("viewer"), RoleAssignment.of("no-such-role"),
                RoleAssignment.of("viewer"), RoleAssignment.of("viewer"));
        assertThat(permits(request(noClerk, "create", "invoice", "acme-emea-paris"))).isFalse();
        assertThat(permits(request(noClerk, "read", "order", "acme-emea-paris"))).isTrue();
    }

    @Test
    void decideWhenResourceInParentOrgThenDenyWithoutGrant() {
        Subject parisAdmin = user("u1", "acme-emea-paris", RoleAssignment.of("admin"));
        assertThat(permits(request(parisAdmin, "read", "order", "acme"))).isFalse();
        assertThat(permits(request(parisAdmin, "read", "order", "acme-emea"))).isFalse();
        Subject rootViewer = user("u2", "acme", RoleAssignment.of("viewer"));
        assertThat(permits(request(rootViewer, "read", "order", "acme-emea-paris"))).isTrue();
    }

    @Test
    void decideWhenActionAboveSubOrgCeilingThenDenyEvenForAdmin() {
        Subject emeaAdmin = user("u1", "acme-emea", RoleAssignment.of("admin"));
        Decision d = engine.decide(request(emeaAdmin, "update", "settings", "acme-emea"));
        assertThat(d.permitted()).isFalse();
        assertThat(d.reasons().get(0).code()).isEqualTo("ceiling.exceeded");
        // a root admin may not act in the sub-org beyond its ceiling either
        Subject rootAdmin = user("u2", "acme", RoleAssignment.of("admin"));
        assertThat(permits(request(rootAdmin, "update", "settings", "acme-emea-paris"))).isFalse();
        assertThat(permits(request(rootAdmin, "update", "settings", "acme"))).isTrue();
    }

    @Test
    void decideWhenParentDeniesThenNoRoleOverrides() {
        Subject admin = user("u1", "acme", RoleAssignment.of("admin"));
        Decision d = engine.decide(request(admin, "delete", "invoice", "acme"));
        assertThat(d.permitted()).isFalse();
        assertThat(d.reasons().get(0).detail()).contains("no-delete-invoices");
    }

    @Test
    void decideWhenConditionalPermitThenCelDecides() {
        Subject approver = user("u1", "acme", RoleAssignment.of("approver"));
        assertThat(permits(request(approver, "approve", "invoice", "acme",
                Map.of("amount", 500, "createdBy", "u9")))).isTrue();
        assertThat(permits(request(approver, "approve", "invoice", "acme",
                Map.of("amount", 50_000, "createdBy", "u9")))).isFalse();
        // conditional deny from the root: no self-approval
        Decision self = engine.decide(request(approver, "approve", "invoice", "acme",
                Map.of("amount", 500, "createdBy", "u1")));
        assertThat(self.permitted()).isFalse();
        assertThat(self.reasons().get(0).detail()).contains("no-self-approval");
        // missing attribute: the condition errors and the permit does not apply (fail closed)
        assertThat(permits(request(approver, "approve", "invoice", "acme", Map.of("createdBy", "u9")))).isFalse();
    }

    @Test
    void decideWhenOrgScopedRoleThenOnlyThatOrg() {
        Subject local = user("u1", "acme", RoleAssignment.of("local-admin"));
        assertThat(permits(request(local, "update", "settings", "acme"))).isTrue();
        assertThat(permits(request(local, "read", "settings", "acme-emea"))).isFalse();
    }

    @Test
    void decideWhenAssignmentScopedToSubOrgThenOnlyThatSubtree() {
        Subject scoped = user("u1", "acme", RoleAssignment.at("clerk", OrgId.of("acme-emea")));
        assertThat(permits(request(scoped, "create", "invoice", "acme-emea-paris"))).isTrue();
        assertThat(permits(request(scoped, "create", "invoice", "acme"))).isFalse();
        Subject upward = user("u2", "acme-emea", RoleAssignment.at("clerk", OrgId.of("acme")));
        assertThat(permits(request(upward, "create", "invoice", "acme"))).isFalse();
    }

    @Test
    void decideWhenCrossOrgGrantThenPermitWithinGrantOnly() {
        Subject partner = user("p1", "globex", RoleAssignment.viaGrant("viewer", "g-acme-globex"));
        assertThat(permits(request(partner, "read", "order", "acme-emea"))).isTrue();
        assertThat(permits(request(partner, "read", "invoice", "acme"))).isFalse(); // types limited to order
        Subject forged = user("p2", "globex", RoleAssignment.viaGrant("admin", "g-acme-globex"));
        assertThat(permits(request(forged, "read", "order", "acme"))).isFalse(); // role not in the grant
        Subject outsider = user("x1", "acme-emea", RoleAssignment.viaGrant("viewer", "g-acme-globex"));
        assertThat(permits(request(outsider, "read", "order", "acme"))).isFalse(); // not the grantee
        Subject plain = user("p3", "globex", RoleAssignment.of("viewer"));
        assertThat(permits(request(plain, "read", "order", "acme"))).isFalse();
    }

    @Test
    void replaceGrantsWhenGrantRevokedThenDerivedAssignmentsStopAtOnce() {
        Subject partner = user("p1", "globex", RoleAssignment.viaGrant("viewer", "g-acme-globex"));
        AuthorizationRequest r = request(partner, "read", "order", "acme");
        assertThat(permits(r)).isTrue();
        long before = engine.snapshot().version();
        engine.replaceGrants(List.of());
        assertThat(engine.snapshot().version()).isEqualTo(before + 1);
        Decision d = engine.decide(r);
        assertThat(d.permitted()).isFalse();
        assertThat(engine.explain(r).steps()).anySatisfy(s -> assertThat(s.why()).contains("revoked"));
    }

    @Test
    void decideWhenGrantOutsideWindowThenDeny() {
        engine.replaceGrants(List.of(PolicyDocument.grant("trial", "acme", "globex", List.of("viewer"),
                Optional.of(clock.instant()), Optional.of(clock.instant().plus(Duration.ofDays(30))))));
        Subject partner = user("p1", "globex", RoleAssignment.viaGrant("viewer", "trial"));
        AuthorizationRequest r = request(partner, "read", "invoice", "acme");
        assertThat(permits(r)).isTrue();
        clock.advance(Duration.ofDays(30));
        assertThat(permits(r)).isFalse();
    }

    @Test
    void decideWhenUnknownThingsThenDenyWithCode() {
        Subject s = user("u1", "acme", RoleAssignment.of("admin"));
        assertThat(engine.decide(request(s, "fly", "invoice", "acme")).reasons().get(0).code())
                .isEqualTo("unknown.action");
        assertThat(engine.decide(request(s, "read", "invoice", "nowhere")).reasons().get(0).code())
                .isEqualTo("unknown.resource_org");
        assertThat(engine.decide(request(user("u", "nowhere"), "read", "invoice", "acme")).reasons().get(0).code())
                .isEqualTo("unknown.subject_org");
    }

    @Test
    void loadWhenNewVersionThenSwappedAtomicallyAndInvalidKeepsOld() {
        PolicySnapshot first = engine.snapshot();
        Subject globexBuyer = user("b", "globex", RoleAssignment.of("buyer"));
        assertThat(permits(request(globexBuyer, "create", "order", "globex"))).isTrue();
        PolicyDocument doc = PolicyDocument.builder("v2")
                .resourceType("order", Map.of("create", TransactionType.WRITE))
                .org(PolicyDocument.org("globex").role("buyer"))
                .build();
        PolicySnapshot second = engine.load(doc);
        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(second.revision()).isEqualTo("v2");
        assertThat(permits(request(globexBuyer, "create", "order", "globex"))).isFalse();

        PolicyDocument broken = PolicyDocument.builder("v3").org(PolicyDocument.org("x").parent("y")).build();
        assertThatThrownBy(() -> engine.load(broken)).isInstanceOf(PolicyValidationException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(AuthzErrors.POLICY_INVALID);
        assertThat(engine.snapshot()).isSameAs(second);
    }

    @Test
    void endpointWhenPathMatchesThenResourceTypeActionAndParameters() {
        assertThat(engine.endpoint("GET", "/api/invoices/42")).contains(
                new EndpointMatch("invoice", "read", Map.of("id", "42")));
        assertThat(engine.endpoint("POST", "/api/invoices")).map(EndpointMatch::action).contains("create");
        assertThat(engine.endpoint("GET", "/files/a/b/c")).map(EndpointMatch::resourceType).contains("order");
        assertThat(engine.endpoint("DELETE", "/api/invoices/42")).isEmpty();
        assertThat(engine.endpoint("GET", "/api/invoices/42/extra")).isEmpty();
        assertThat(engine.transactionType("invoice", "delete")).contains(TransactionType.ADMIN);
    }

    @Test
    void explainWhenDecidedThenEveryRuleAlongThePathWithWhy() {
        Subject emeaAdmin = user("u1", "acme-emea", RoleAssignment.of("admin"));
        Explanation e = engine.explain(request(emeaAdmin, "update", "settings", "acme-emea"));
        assertThat(e.decision().permitted()).isFalse();
        assertThat(e.steps()).extracting(Explanation.Step::rule).contains("ceiling", "deny no-delete-invoices",
                "deny no-self-approval", "role viewer", "role clerk", "role approver", "role admin",
                "role local-admin", "role order-desk");
        assertThat(e.steps()).anySatisfy(s -> {
            assertThat(s.org()).isEqualTo(OrgId.of("acme-emea"));
            assertThat(s.rule()).isEqualTo("ceiling");
            assertThat(s.outcome()).isEqualTo(Explanation.Outcome.APPLIED);
        });
        assertThat(e.steps()).anySatisfy(s -> {
            assertThat(s.rule()).isEqualTo("deny no-delete-invoices");
            assertThat(s.why()).contains("does not cover settings:update");
        });
        assertThat(e.steps()).filteredOn(s -> s.org().equals(OrgId.of("globex"))).isEmpty();

        Subject clerk = user("u2", "acme-emea-paris", RoleAssignment.of("clerk"));
        Explanation ok = engine.explain(request(clerk, "create", "invoice", "acme-emea-paris"));
        assertThat(ok.decision().permitted()).isTrue();
        assertThat(ok.steps()).anySatisfy(s -> {
            assertThat(s.rule()).isEqualTo("role clerk");
            assertThat(s.outcome()).isEqualTo(Explanation.Outcome.APPLIED);
            assertThat(s.why()).contains("grants invoice:create");
        });
        assertThat(ok.steps()).anySatisfy(s -> {
            assertThat(s.rule()).isEqualTo("role admin");
            assertThat(s.why()).isEqualTo("the subject does not hold this role");
        });
    }

    @Test
    void decideWhenSnapshotSwappedConcurrentlyThenEachDecisionSeesOneVersion() throws Exception {
        Subject buyer = user("b", "globex", RoleAssignment.of("buyer"));
        AuthorizationRequest r = request(buyer, "create", "order", "globex");
        PolicyDocument original = engine.snapshot().document();
        PolicyDocument revoked = PolicyDocument.builder("no-buyers")
                .resourceType("order", Map.of("create", TransactionType.WRITE))
                .org(PolicyDocument.org("globex")).build();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                engine.load(i % 2 == 0 ? revoked : original);
            }
        });
        writer.start();
        int decisions = 0;
        while (writer.isAlive() || decisions < 1000) {
            Decision d = engine.decide(r);
            assertThat(d.reasons()).hasSize(1);
            decisions++;
        }
        writer.join();
        assertThat(engine.snapshot().version()).isEqualTo(51);
    }
}
