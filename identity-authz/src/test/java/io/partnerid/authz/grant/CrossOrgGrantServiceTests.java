package io.partnerid.authz.grant;

import static io.partnerid.authz.AuthzFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.AuthzFixtures;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.core.Actor;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossOrgGrantServiceTests {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final PolicyEngine engine = PolicyEngine.create(clock, AuthzFixtures.supplyChain());
    private final List<AuditEvent> audited = new ArrayList<>();
    private final CrossOrgGrantService grants = service(new InMemoryGrantRepository()).build();
    private final OrgId globex = OrgId.of("globex");
    private final Actor acmeAdmin = Actor.user("acme-admin");
    private final Actor globexAdmin = Actor.user("globex-admin");

    /**
     * A service whose guard permits everything: these tests are about grant validity, storage and refresh; who may
     * grant, revoke and assign is {@link CrossOrgGrantAuthorityTests}' subject, against a real core.
     */
    private CrossOrgGrantService.Builder service(GrantRepository repository) {
        return CrossOrgGrantService.builder().runtime(TestRuntimes.on(clock)).repository(repository).engine(engine)
                .auditPublisher(audited::add).adminGuard((actor, capability, org, operation) -> { });
    }

    private boolean bobMay(String action, String type, String org) {
        Subject bob = Subject.of("bob", globex, grants.roleAssignments(globex, "bob"));
        return engine.decide(request(bob, action, type, org)).permitted();
    }

    @Test
    void assignWhenRoleInGrantThenPartnerUserActsOnGrantorResources() {
        grants.grant(acmeAdmin, new GrantDef("g2", "acme", "globex", List.of("clerk"), List.of("invoice"),
                Optional.empty(), Optional.empty()));
        assertThat(bobMay("create", "invoice", "acme-emea")).isFalse();
        grants.assign(globexAdmin, "g2", globex, "bob", "clerk");
        assertThat(bobMay("create", "invoice", "acme-emea")).isTrue();
        assertThat(bobMay("create", "order", "acme-emea")).isFalse(); // grant limited to invoices
        assertThat(audited).filteredOn(e -> e instanceof PrivilegeChangeEvent).hasSize(2);
    }

    @Test
    void revokeWhenGrantHadAssignmentsThenAllRemovedAndReported() {
        grants.assign(globexAdmin, "g-acme-globex", globex, "bob", "viewer");
        grants.assign(globexAdmin, "g-acme-globex", globex, "carol", "viewer");
        assertThat(bobMay("read", "order", "acme")).isTrue();
        List<GrantAssignment> removed = grants.revoke(acmeAdmin, "g-acme-globex");
        assertThat(removed).extracting(GrantAssignment::subjectId).containsExactlyInAnyOrder("bob", "carol");
        assertThat(grants.roleAssignments(globex, "bob")).isEmpty();
        assertThat(bobMay("read", "order", "acme")).isFalse();
        assertThat(audited).filteredOn(e -> e.details().get("change").equals("REVOKED")).hasSize(3);
        assertThat(grants.revoke(acmeAdmin, "g-acme-globex")).isEmpty();
    }

    @Test
    void revokeWhenSubjectStillCarriesOldAssignmentThenEngineIgnoresIt() {
        grants.assign(globexAdmin, "g-acme-globex", globex, "bob", "viewer");
        Subject stale = Subject.of("bob", globex, grants.roleAssignments(globex, "bob"));
        grants.revoke(acmeAdmin, "g-acme-globex");
        assertThat(engine.decide(request(stale, "read", "order", "acme")).permitted()).isFalse();
    }

    @Test
    void assignWhenRoleOutsideGrantOrUserOutsideGranteeThenGrantInvalid() {
        assertThatThrownBy(() -> grants.assign(globexAdmin, "g-acme-globex", globex, "bob", "admin"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.GRANT_INVALID));
        assertThatThrownBy(() -> grants.assign(globexAdmin, "g-acme-globex", OrgId.of("acme-emea"), "eve", "viewer"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.GRANT_INVALID));
        assertThatThrownBy(() -> grants.assign(globexAdmin, "nope", globex, "bob", "viewer"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.GRANT_NOT_FOUND));
    }

    @Test
    void grantWhenRoleNotVisibleAtGrantorThenRejectedAndNothingStored() {
        assertThatThrownBy(() -> grants.grant(acmeAdmin, new GrantDef("bad", "acme", "globex", List.of("buyer"),
                List.of(), Optional.empty(), Optional.empty()))).isInstanceOf(PolicyValidationException.class);
        assertThatThrownBy(() -> grants.assign(globexAdmin, "bad", globex, "bob", "buyer"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.GRANT_NOT_FOUND));
    }

    @Test
    void assignWhenGrantRevokedByAnotherNodeMeanwhileThenGrantNotFoundAndNothingStored() {
        InMemoryGrantRepository shared = new InMemoryGrantRepository();
        GrantRepository racing = new GrantRepository() { // another node revokes between the check and the save
            @Override
            public void saveGrant(GrantDef grant) {
                shared.saveGrant(grant);
            }

            @Override
            public Optional<GrantDef> findGrant(String grantId) {
                return shared.findGrant(grantId);
            }

            @Override
            public io.partnerid.core.Page<GrantDef> listGrants(io.partnerid.core.PageRequest page) {
                return shared.listGrants(page);
            }

            @Override
            public void saveAssignment(GrantAssignment assignment) {
                shared.deleteGrant(assignment.grantId());
                shared.saveAssignment(assignment);
            }

            @Override
            public List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId) {
                return shared.assignmentsOf(subjectOrg, subjectId);
            }

            @Override
            public List<GrantAssignment> deleteGrant(String grantId) {
                return shared.deleteGrant(grantId);
            }

            @Override
            public long version() {
                return shared.version();
            }
        };
        CrossOrgGrantService service = service(racing).build();
        assertThatThrownBy(() -> service.assign(globexAdmin, "g-acme-globex", globex, "bob", "viewer"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.GRANT_NOT_FOUND));
        assertThat(shared.assignmentsOf(globex, "bob")).isEmpty();
    }

    @Test
    void refreshWhenStoreDownThenStoreFailureAndEngineKeepsItsGrantsUntilARefreshSucceeds() {
        FlakyGrantRepository store = new FlakyGrantRepository();
        CrossOrgGrantService node = service(store).build();
        Subject bob = Subject.of("bob", globex, List.of(RoleAssignment.viaGrant("viewer", "g-acme-globex")));
        store.store.deleteGrant("g-acme-globex"); // revoked by another node
        store.failReads = true;

        assertThatThrownBy(node::refresh)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(StoreErrors.FAILURE));
        node.refreshTask().run(); // logged, not thrown: a scheduled task keeps running
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted()).isTrue();

        store.failReads = false;
        node.refreshTask().run();
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted()).isFalse();
        assertThat(node.refresh()).isFalse();
    }

    @Test
    void refreshWhenStoreDownLongerThanMaxStalenessThenNoGrantHonouredUntilARefreshSucceeds() {
        FlakyGrantRepository store = new FlakyGrantRepository();
        CrossOrgGrantService node = service(store).maxStaleness(Duration.ofMinutes(5)).build();
        Subject bob = Subject.of("bob", globex, List.of(RoleAssignment.viaGrant("viewer", "g-acme-globex")));
        store.failReads = true;

        clock.advance(Duration.ofMinutes(5));
        node.refreshTask().run();
        assertThat(node.isCutOff()).isFalse();
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted()).isTrue(); // within the bound

        clock.advance(Duration.ofSeconds(1));
        node.refreshTask().run();
        assertThat(node.isCutOff()).isTrue();
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted())
                .as("unconfirmed for longer than the bound: fail closed").isFalse();

        store.failReads = false;
        node.refreshTask().run();
        assertThat(node.isCutOff()).isFalse();
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted()).isTrue(); // still stored
    }

    @Test
    void refreshWhenSucceedingThenStalenessClockRestarts() {
        FlakyGrantRepository store = new FlakyGrantRepository();
        CrossOrgGrantService node = service(store).maxStaleness(Duration.ofMinutes(5)).build();
        Subject bob = Subject.of("bob", globex, List.of(RoleAssignment.viaGrant("viewer", "g-acme-globex")));

        clock.advance(Duration.ofMinutes(4));
        assertThat(node.refresh()).isFalse(); // nothing changed, but the grants are confirmed now
        store.failReads = true;
        clock.advance(Duration.ofMinutes(4));
        node.refreshTask().run();

        assertThat(node.isCutOff()).isFalse();
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted()).isTrue();
    }

    @Test
    void builderWhenMaxStalenessNotPositiveThenIllegalArgument() {
        assertThatThrownBy(() -> service(new InMemoryGrantRepository()).maxStaleness(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grantWhenStoreRefusesTheSaveThenEngineDoesNotHonourTheUnsavedGrant() {
        FlakyGrantRepository store = new FlakyGrantRepository();
        CrossOrgGrantService node = service(store).build();
        store.failWrites = true;

        assertThatThrownBy(() -> node.grant(acmeAdmin, new GrantDef("g2", "acme", "globex", List.of("clerk"),
                List.of("invoice"), Optional.empty(), Optional.empty())))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(StoreErrors.FAILURE));

        Subject bob = Subject.of("bob", globex, List.of(RoleAssignment.viaGrant("clerk", "g2")));
        assertThat(engine.decide(request(bob, "create", "invoice", "acme-emea")).permitted()).isFalse();
        assertThat(engine.snapshot().document().grants()).extracting(GrantDef::id).containsExactly("g-acme-globex");
        assertThat(audited).isEmpty();
    }

    @Test
    void revokeWhenStoreRefusesTheDeleteThenNextRefreshRestoresWhatIsStored() {
        FlakyGrantRepository store = new FlakyGrantRepository();
        CrossOrgGrantService node = service(store).build();
        Subject bob = Subject.of("bob", globex, List.of(RoleAssignment.viaGrant("viewer", "g-acme-globex")));
        store.failWrites = true;

        assertThatThrownBy(() -> node.revoke(acmeAdmin, "g-acme-globex"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(StoreErrors.FAILURE));
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted())
                .as("fail closed while the outcome is unknown").isFalse();

        assertThat(node.refresh()).isTrue(); // the grant is still stored: honoured again until a revoke succeeds
        assertThat(engine.decide(request(bob, "read", "order", "acme")).permitted()).isTrue();
    }
}
