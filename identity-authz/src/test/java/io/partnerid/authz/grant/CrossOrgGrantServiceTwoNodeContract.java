package io.partnerid.authz.grant;

import static io.partnerid.authz.AuthzFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzFixtures;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.engine.PolicySnapshot;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.OrgPolicy;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.authz.policy.Violation;
import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two SDK nodes over one grant store: each node has its own {@link PolicyEngine} (same policy document) and its own
 * {@link CrossOrgGrantService} over its own repository instance on the shared store. A change made on node A reaches
 * node B's engine at B's next {@link CrossOrgGrantService#refresh()}, driven by {@link GrantRepository#version()};
 * until then B's engine keeps its grants (the documented bound: one refresh interval). Subclasses run it in memory,
 * on PostgreSQL and on H2.
 */
abstract class CrossOrgGrantServiceTwoNodeContract {

    private static final OrgId GLOBEX = OrgId.of("globex");
    private static final Actor ACME_ADMIN = Actor.user("acme-admin");
    private static final Actor GLOBEX_ADMIN = Actor.user("globex-admin");
    private static final GrantDef CLERK_ON_INVOICES = new GrantDef("g2", "acme", "globex", List.of("clerk"),
            List.of("invoice"), Optional.empty(), Optional.empty());

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private PolicyEngine engineA;
    private PolicyEngine engineB;
    private CrossOrgGrantService nodeA;
    private CrossOrgGrantService nodeB;

    /** A repository on the shared store, as one node opens it (called once per node). */
    protected abstract GrantRepository nodeRepository();

    @BeforeEach
    void startTwoNodes() {
        startNodes(AuthzFixtures.supplyChain());
    }

    private void startNodes(PolicyDocument documentOfA) {
        engineA = PolicyEngine.create(clock, documentOfA);
        engineB = PolicyEngine.create(clock, AuthzFixtures.supplyChain());
        // the guard permits everything: authority is CrossOrgGrantAuthorityTests' subject
        nodeA = CrossOrgGrantService.builder().runtime(TestRuntimes.on(clock)).repository(nodeRepository())
                .engine(engineA).auditPublisher(e -> { }).adminGuard((actor, capability, org, op) -> { }).build();
        nodeB = CrossOrgGrantService.builder().runtime(TestRuntimes.on(clock)).repository(nodeRepository())
                .engine(engineB).auditPublisher(e -> { }).adminGuard((actor, capability, org, op) -> { }).build();
    }

    private static boolean permits(PolicyEngine engine, Subject subject, String action, String type, String org) {
        return engine.decide(request(subject, action, type, org)).permitted();
    }

    @Test
    void refreshWhenGrantRevokedOnAnotherNodeThenHonouredUntilRefreshAndDeniedAfter() {
        nodeA.grant(ACME_ADMIN, CLERK_ON_INVOICES);
        nodeA.assign(GLOBEX_ADMIN, "g2", GLOBEX, "bob", "clerk");
        Subject bobSeenByB = Subject.of("bob", GLOBEX, nodeB.roleAssignments(GLOBEX, "bob"));
        assertThat(bobSeenByB.roles()).containsExactly(RoleAssignment.viaGrant("clerk", "g2"));
        assertThat(permits(engineB, bobSeenByB, "create", "invoice", "acme-emea"))
                .as("B's engine does not know g2 before its refresh").isFalse();

        assertThat(nodeB.refresh()).isTrue();
        assertThat(permits(engineB, bobSeenByB, "create", "invoice", "acme-emea")).isTrue();
        assertThat(permits(engineA, bobSeenByB, "create", "invoice", "acme-emea")).isTrue();

        nodeA.revoke(ACME_ADMIN, "g2");
        assertThat(permits(engineA, bobSeenByB, "create", "invoice", "acme-emea")).isFalse();
        // the bound, stated honestly: until B refreshes, B's engine still honours g2 for a subject that carries it
        // (a session or token built before the revocation); a subject assembled now no longer carries it
        assertThat(permits(engineB, bobSeenByB, "create", "invoice", "acme-emea")).isTrue();
        assertThat(nodeB.roleAssignments(GLOBEX, "bob")).isEmpty();

        assertThat(nodeB.refresh()).isTrue();
        assertThat(permits(engineB, bobSeenByB, "create", "invoice", "acme-emea")).isFalse();
        assertThat(engineB.explain(request(bobSeenByB, "create", "invoice", "acme-emea")).steps())
                .anySatisfy(s -> assertThat(s.why()).contains("grant 'g2' does not count"));
        assertThat(nodeB.refresh()).isFalse();
    }

    @Test
    void refreshWhenNothingOrOnlyAssignmentsChangedThenNothingRebuilt() {
        assertThat(nodeA.refresh()).isFalse();
        assertThat(nodeB.refresh()).isFalse();
        PolicySnapshot before = engineB.snapshot();
        nodeA.assign(GLOBEX_ADMIN, "g-acme-globex", GLOBEX, "bob", "viewer");
        assertThat(nodeB.refresh()).isFalse();
        assertThat(engineB.snapshot()).isSameAs(before);
        Subject bob = Subject.of("bob", GLOBEX, nodeB.roleAssignments(GLOBEX, "bob"));
        assertThat(permits(engineB, bob, "read", "order", "acme")).isTrue();
    }

    @Test
    void grantWhenMadeOnThisNodeThenRememberedVersionIsCurrentAndOtherNodeRebuildsOnce() {
        nodeA.grant(ACME_ADMIN, CLERK_ON_INVOICES);
        assertThat(nodeA.refresh()).as("A's own change is already in force on A").isFalse();
        assertThat(nodeB.refresh()).isTrue();
        assertThat(nodeB.refresh()).isFalse();
        nodeB.revoke(ACME_ADMIN, "g2");
        assertThat(nodeB.refresh()).isFalse();
        assertThat(nodeA.refresh()).isTrue();
        assertThat(engineA.snapshot().document().grants()).extracting(GrantDef::id).containsExactly("g-acme-globex");
    }

    @Test
    void revokeWhenGrantAlreadyRevokedOnAnotherNodeThenThisNodeStopsHonouringItAtOnce() {
        nodeA.assign(GLOBEX_ADMIN, "g-acme-globex", GLOBEX, "bob", "viewer");
        Subject bob = Subject.of("bob", GLOBEX, nodeB.roleAssignments(GLOBEX, "bob"));
        nodeA.revoke(ACME_ADMIN, "g-acme-globex");
        assertThat(permits(engineB, bob, "read", "order", "acme")).isTrue();

        assertThat(nodeB.revoke(ACME_ADMIN, "g-acme-globex")).isEmpty();

        assertThat(permits(engineB, bob, "read", "order", "acme")).isFalse();
    }

    @Test
    void refreshWhenEngineReloadedWithADocumentNamingARevokedGrantThenRepositoryWins() {
        nodeA.assign(GLOBEX_ADMIN, "g-acme-globex", GLOBEX, "bob", "viewer");
        Subject bob = Subject.of("bob", GLOBEX, nodeB.roleAssignments(GLOBEX, "bob"));
        nodeA.revoke(ACME_ADMIN, "g-acme-globex");
        assertThat(nodeB.refresh()).isTrue();
        assertThat(permits(engineB, bob, "read", "order", "acme")).isFalse();

        engineB.load(AuthzFixtures.supplyChain()); // the document still lists g-acme-globex
        assertThat(permits(engineB, bob, "read", "order", "acme")).isTrue();
        assertThat(nodeB.refresh()).as("same version, but the engine's snapshot was replaced").isTrue();

        assertThat(permits(engineB, bob, "read", "order", "acme")).isFalse();
    }

    @Test
    void refreshWhenStoredGrantNamesAnOrganizationUnknownHereThenLeftOutReportedAndOthersStillSynced() {
        PolicyDocument supplyChain = AuthzFixtures.supplyChain();
        List<OrgPolicy> orgs = new ArrayList<>(supplyChain.orgs());
        orgs.add(PolicyDocument.org("initech").role("viewer", "*:@read").build());
        startNodes(new PolicyDocument(supplyChain.schema(), "newer", supplyChain.resourceTypes(),
                supplyChain.endpoints(), orgs, supplyChain.grants())); // A runs a newer document than B
        GrantDef toInitech = new GrantDef("g-initech", "acme", "initech", List.of("viewer"), List.of(),
                Optional.empty(), Optional.empty());
        nodeA.grant(ACME_ADMIN, toInitech);
        nodeA.assign(GLOBEX_ADMIN, "g-acme-globex", GLOBEX, "bob", "viewer");
        Subject bob = Subject.of("bob", GLOBEX, nodeB.roleAssignments(GLOBEX, "bob"));

        assertThat(nodeB.refresh()).isTrue();

        assertThat(nodeB.rejectedGrants()).singleElement().satisfies(r -> {
            assertThat(r.grant()).isEqualTo(toInitech);
            assertThat(r.violations()).extracting(Violation::reason).containsExactly("unknown organization 'initech'");
        });
        assertThat(engineB.snapshot().document().grants()).extracting(GrantDef::id).containsExactly("g-acme-globex");
        assertThat(permits(engineB, bob, "read", "order", "acme")).isTrue();
        assertThat(nodeA.rejectedGrants()).isEmpty();

        // B's own changes still work, and a revocation from A still reaches B (not stuck on the invalid grant)
        nodeB.grant(ACME_ADMIN, CLERK_ON_INVOICES);
        assertThatThrownBy(() -> nodeB.grant(ACME_ADMIN, new GrantDef("g-bad", "acme", "initech", List.of("viewer"),
                List.of(), Optional.empty(), Optional.empty()))).isInstanceOf(PolicyValidationException.class);
        assertThat(nodeA.refresh()).isTrue();
        nodeA.revoke(ACME_ADMIN, "g-acme-globex");
        assertThat(permits(engineB, bob, "read", "order", "acme")).isTrue();
        assertThat(nodeB.refresh()).isTrue();
        assertThat(permits(engineB, bob, "read", "order", "acme")).isFalse();
        assertThat(engineB.snapshot().document().grants()).extracting(GrantDef::id).containsExactly("g2");
        assertThat(nodeB.rejectedGrants()).extracting(r -> r.grant().id()).containsExactly("g-initech");
        assertThat(nodeRepository().allGrants()).extracting(GrantDef::id).containsExactly("g-initech", "g2");
    }
}
