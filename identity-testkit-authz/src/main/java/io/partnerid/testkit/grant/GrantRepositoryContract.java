package io.partnerid.testkit.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.grant.GrantAssignment;
import io.partnerid.authz.grant.GrantRepository;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.Concurrently;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link GrantRepository} must pass; {@link io.partnerid.authz.grant.InMemoryGrantRepository} and
 * {@link io.partnerid.authz.grant.JdbcGrantRepository} (on PostgreSQL and H2) extend it.
 *
 * <p>Published in identity-testkit-authz: a host that writes its own {@code GrantRepository} extends it in its tests
 * (one small subclass per implementation and database). Not thread-safe; JUnit creates one instance per test. Each
 * test needs an empty store (a fresh in-memory repository, or a database whose tables are emptied before each test,
 * as {@code TestDatabase} does). Pinned semantics: grants round-trip exactly
 * (ordered role and resource-type lists, validity bounds and assignment instants to the microsecond); a save
 * replaces the grant and keeps its assignments; listings page by id with the last id as cursor; assignments are
 * idempotent on their key
 * (first save wins) and refused with {@code store.missing} when the grant is absent; a delete removes and reports
 * exactly the grant's assignments, and under a race with assignments no assignment outlives its grant; the version
 * strictly increases with every grant save and every delete that removed a grant (not with assignments or with the
 * delete of an absent grant), counts concurrent changes without losing one, and is shared by every repository over
 * the same store.
 */
public abstract class GrantRepositoryContract {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final OrgId GLOBEX = OrgId.of("globex");
    private static final OrgId GLOBEX_EU = OrgId.of("globex-eu");

    /** The repository under test; the same instance for the whole test. */
    protected abstract GrantRepository repository();

    /**
     * A second repository over the same store, as another node opens it (a new JDBC repository on the same data
     * source; the same instance for an in-memory store).
     */
    protected abstract GrantRepository anotherNode();

    /** A grant from {@code acme} to {@code globex} with the given roles, no resource types and no validity bounds. */
    public static GrantDef grant(String id, String... roles) {
        return new GrantDef(id, "acme", "globex", List.of(roles), List.of(), Optional.empty(), Optional.empty());
    }

    /** An assignment made at the contract's fixed instant by {@code USER:globex-admin}. */
    public static GrantAssignment assignment(String grantId, OrgId org, String subject, String role) {
        return new GrantAssignment(grantId, org, subject, role, AT, "USER:globex-admin");
    }

    @Test
    void saveGrantWhenNewThenFoundWithEveryFieldRoundTripped() {
        GrantDef g = new GrantDef("g1", "acme", "globex", List.of("viewer", "12:odd:name", "émetteur", ""),
                List.of("order", "invoice"), Optional.of(AT), Optional.of(AT.plusSeconds(86_400)));
        repository().saveGrant(g);
        assertThat(repository().findGrant("g1")).contains(g);
    }

    @Test
    void saveWhenInstantsHaveMicrosecondsThenKeptToTheMicrosecond() {
        Instant micros = Instant.parse("2026-03-01T10:00:00.123456Z");
        GrantDef g = new GrantDef("g1", "acme", "globex", List.of("viewer"), List.of(), Optional.of(micros),
                Optional.of(micros.plusSeconds(86_400)));
        repository().saveGrant(g);
        GrantAssignment a = new GrantAssignment("g1", GLOBEX, "bob", "viewer", micros, "USER:globex-admin");
        repository().saveAssignment(a);
        assertThat(repository().findGrant("g1")).contains(g);
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).containsExactly(a);
    }

    @Test
    void findGrantWhenAbsentThenEmpty() {
        assertThat(repository().findGrant("nope")).isEmpty();
    }

    @Test
    void saveGrantWhenExistingThenReplacedAndAssignmentsKept() {
        repository().saveGrant(grant("g1", "viewer", "clerk"));
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "clerk"));
        GrantDef narrower = new GrantDef("g1", "acme", "globex", List.of("viewer"), List.of("order"),
                Optional.empty(), Optional.of(AT));
        repository().saveGrant(narrower);
        assertThat(repository().findGrant("g1")).contains(narrower);
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).containsExactly(assignment("g1", GLOBEX, "bob",
                "clerk"));
    }

    @Test
    void listGrantsWhenMoreThanAPageThenKeysetPagesInIdOrder() {
        for (String id : List.of("g5", "g1", "g4", "g2", "g3")) {
            repository().saveGrant(grant(id, "viewer"));
        }
        Page<GrantDef> first = repository().listGrants(PageRequest.first(2));
        assertThat(first.items()).extracting(GrantDef::id).containsExactly("g1", "g2");
        assertThat(first.next()).contains("g2");
        Page<GrantDef> second = repository().listGrants(PageRequest.after(first.next().get(), 2));
        assertThat(second.items()).extracting(GrantDef::id).containsExactly("g3", "g4");
        Page<GrantDef> last = repository().listGrants(PageRequest.after(second.next().get(), 2));
        assertThat(last.items()).extracting(GrantDef::id).containsExactly("g5");
        assertThat(last.next()).isEmpty();
        assertThat(repository().listGrants(PageRequest.first(5)).next()).isEmpty();
        assertThat(repository().allGrants()).extracting(GrantDef::id).containsExactly("g1", "g2", "g3", "g4", "g5");
    }

    @Test
    void listGrantsWhenEmptyThenEmptyLastPage() {
        assertThat(repository().listGrants(PageRequest.first(10))).isEqualTo(Page.empty());
    }

    @Test
    void saveAssignmentWhenRepeatedThenIdempotentAndFirstWins() {
        repository().saveGrant(grant("g1", "viewer"));
        GrantAssignment first = assignment("g1", GLOBEX, "bob", "viewer");
        repository().saveAssignment(first);
        repository().saveAssignment(new GrantAssignment("g1", GLOBEX, "bob", "viewer", AT.plusSeconds(60),
                "USER:someone-else"));
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).containsExactly(first);
    }

    @Test
    void saveAssignmentWhenGrantAbsentThenStoreMissing() {
        assertThatThrownBy(() -> repository().saveAssignment(assignment("ghost", GLOBEX, "bob", "viewer")))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(StoreErrors.MISSING));
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).isEmpty();
    }

    @Test
    void assignmentsOfWhenSeveralThenOnlyThatSubjectOrderedByGrantThenRole() {
        repository().saveGrant(grant("g2", "viewer", "clerk"));
        repository().saveGrant(grant("g1", "viewer"));
        repository().saveAssignment(assignment("g2", GLOBEX, "bob", "viewer"));
        repository().saveAssignment(assignment("g2", GLOBEX, "bob", "clerk"));
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX, "carol", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX_EU, "bob", "viewer")); // same id, other organization
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).containsExactly(
                assignment("g1", GLOBEX, "bob", "viewer"), assignment("g2", GLOBEX, "bob", "clerk"),
                assignment("g2", GLOBEX, "bob", "viewer"));
        assertThat(repository().assignmentsOf(GLOBEX_EU, "bob")).containsExactly(
                assignment("g1", GLOBEX_EU, "bob", "viewer"));
        assertThat(repository().assignmentsOf(GLOBEX, "nobody")).isEmpty();
    }

    @Test
    void deleteGrantWhenAssignedThenGrantAndOnlyItsAssignmentsRemovedAndReported() {
        repository().saveGrant(grant("g1", "viewer"));
        repository().saveGrant(grant("g2", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX_EU, "bob", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX, "carol", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer"));
        repository().saveAssignment(assignment("g2", GLOBEX, "bob", "viewer"));

        List<GrantAssignment> removed = repository().deleteGrant("g1");

        assertThat(removed).containsExactly(assignment("g1", GLOBEX, "bob", "viewer"),
                assignment("g1", GLOBEX, "carol", "viewer"), assignment("g1", GLOBEX_EU, "bob", "viewer"));
        assertThat(repository().findGrant("g1")).isEmpty();
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).containsExactly(assignment("g2", GLOBEX, "bob",
                "viewer"));
        assertThat(repository().assignmentsOf(GLOBEX, "carol")).isEmpty();
        assertThat(repository().deleteGrant("g1")).isEmpty();
        assertThat(repository().allGrants()).extracting(GrantDef::id).containsExactly("g2");
    }

    @Test
    void deleteGrantWhenAbsentThenEmpty() {
        assertThat(repository().deleteGrant("nope")).isEmpty();
    }

    @Test
    void deleteGrantWhenRecreatedThenOldAssignmentsDoNotComeBack() {
        repository().saveGrant(grant("g1", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer"));
        repository().deleteGrant("g1");
        repository().saveGrant(grant("g1", "viewer"));
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).isEmpty();
    }

    @Test
    void saveGrantWhenConcurrentUpsertsOfOneIdThenNoneFailsAndOneWins() throws Exception {
        int threads = 6;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String role = "role" + i;
            tasks.add(() -> {
                repository().saveGrant(grant("g1", role));
                return null;
            });
        }
        Concurrently.run(tasks);
        assertThat(repository().allGrants()).hasSize(1);
        assertThat(repository().findGrant("g1").orElseThrow().roles()).hasSize(1).first().asString()
                .startsWith("role");
    }

    @Test
    void saveAssignmentWhenConcurrentDuplicatesThenExactlyOneStored() throws Exception {
        repository().saveGrant(grant("g1", "viewer"));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(() -> {
                repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer"));
                return null;
            });
        }
        Concurrently.run(tasks);
        assertThat(repository().assignmentsOf(GLOBEX, "bob")).hasSize(1);
    }

    @Test
    void deleteGrantWhenRacingWithAssignmentsThenEveryStoredAssignmentIsReportedAndNoneOutlivesTheGrant()
            throws Exception {
        for (int round = 0; round < 10; round++) {
            String grantId = "race" + round;
            repository().saveGrant(grant(grantId, "viewer"));
            AtomicInteger stored = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<GrantAssignment> removed = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int u = 0; u < 10; u++) {
                        try {
                            repository().saveAssignment(assignment(grantId, GLOBEX, "u" + thread + "-" + u,
                                    "viewer"));
                            stored.incrementAndGet();
                        } catch (IdentityException e) {
                            assertThat(e.code()).isEqualTo(StoreErrors.MISSING);
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            tasks.add(() -> {
                removed.addAll(repository().deleteGrant(grantId));
                return null;
            });
            Concurrently.run(tasks);
            assertThat(stored.get() + refused.get()).isEqualTo(30);
            assertThat(removed).hasSize(stored.get());
            for (int t = 0; t < 3; t++) {
                for (int u = 0; u < 10; u++) {
                    assertThat(repository().assignmentsOf(GLOBEX, "u" + t + "-" + u)).isEmpty();
                }
            }
        }
    }

    @Test
    void versionWhenNothingChangesThenStable() {
        long v = repository().version();
        repository().findGrant("g1");
        repository().allGrants();
        repository().assignmentsOf(GLOBEX, "bob");
        assertThat(repository().version()).isEqualTo(v);
    }

    @Test
    void versionWhenGrantSavedThenIncreasesEvenWhenUnchanged() {
        long v0 = repository().version();
        repository().saveGrant(grant("g1", "viewer"));
        long v1 = repository().version();
        assertThat(v1).isGreaterThan(v0);
        repository().saveGrant(grant("g1", "viewer", "clerk"));
        long v2 = repository().version();
        assertThat(v2).isGreaterThan(v1);
        repository().saveGrant(grant("g1", "viewer", "clerk"));
        assertThat(repository().version()).isGreaterThan(v2);
    }

    @Test
    void versionWhenExistingGrantDeletedThenIncreases() {
        repository().saveGrant(grant("g1", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer"));
        long v = repository().version();
        assertThat(repository().deleteGrant("g1")).hasSize(1);
        assertThat(repository().version()).isGreaterThan(v);
    }

    @Test
    void versionWhenExistingGrantWithoutAssignmentsDeletedThenIncreases() {
        repository().saveGrant(grant("g1", "viewer"));
        long v = repository().version();
        assertThat(repository().deleteGrant("g1")).isEmpty();
        assertThat(repository().version()).isGreaterThan(v);
    }

    @Test
    void versionWhenAbsentGrantDeletedThenUnchanged() {
        repository().saveGrant(grant("g1", "viewer"));
        long v = repository().version();
        assertThat(repository().deleteGrant("nope")).isEmpty();
        assertThat(repository().version()).isEqualTo(v);
        repository().deleteGrant("g1");
        long afterDelete = repository().version();
        repository().deleteGrant("g1"); // already gone
        assertThat(repository().version()).isEqualTo(afterDelete);
    }

    @Test
    void versionWhenAssignmentSavedOrRefusedThenUnchanged() {
        repository().saveGrant(grant("g1", "viewer"));
        long v = repository().version();
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer"));
        repository().saveAssignment(assignment("g1", GLOBEX, "bob", "viewer")); // idempotent repeat
        assertThatThrownBy(() -> repository().saveAssignment(assignment("ghost", GLOBEX, "bob", "viewer")))
                .isInstanceOf(IdentityException.class);
        assertThat(repository().version()).isEqualTo(v);
    }

    @Test
    void versionWhenChangedThroughAnotherNodeThenSeenHere() {
        long v0 = repository().version();
        anotherNode().saveGrant(grant("g1", "viewer"));
        long v1 = repository().version();
        assertThat(v1).isGreaterThan(v0).isEqualTo(anotherNode().version());
        anotherNode().deleteGrant("g1");
        assertThat(repository().version()).isGreaterThan(v1);
    }

    @Test
    void versionWhenConcurrentSavesAndDeletesThenEveryChangeCounted() throws Exception {
        for (int i = 0; i < 4; i++) {
            repository().saveGrant(grant("old" + i, "viewer"));
        }
        long v0 = repository().version();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "old" + i;
            String fresh = "new" + i;
            GrantRepository node = i % 2 == 0 ? repository() : anotherNode();
            tasks.add(() -> {
                node.saveGrant(grant(fresh, "viewer"));
                return null;
            });
            tasks.add(() -> {
                node.deleteGrant(id);
                return null;
            });
        }
        Concurrently.run(tasks);
        assertThat(repository().allGrants()).extracting(GrantDef::id).containsExactly("new0", "new1", "new2", "new3");
        // strictly increasing with each of the 8 committed changes: none lost to a concurrent one
        assertThat(repository().version()).isGreaterThanOrEqualTo(v0 + 8);
    }
}
