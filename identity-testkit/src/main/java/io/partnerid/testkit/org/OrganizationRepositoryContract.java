package io.partnerid.testkit.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.OrgStatus;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OrganizationRepository} passes: the in-memory one and the JDBC one on PostgreSQL and H2.
 *
 * <p>Not thread-safe; JUnit creates one instance per test. Extend it and return a fresh, empty repository from
 * {@link #createRepository()}; it is called once before every test.
 */
public abstract class OrganizationRepositoryContract {

    /** The creation time of fixtures: millisecond precision, which every store keeps. */
    protected static final Instant CREATED = Instant.parse("2026-01-01T10:00:00.123Z");

    /** The repository under test, fresh for every test. */
    protected OrganizationRepository repository;

    /** Returns an empty repository. */
    protected abstract OrganizationRepository createRepository();

    @BeforeEach
    void createRepositoryUnderTest() {
        repository = createRepository();
    }

    // ------------------------------------------------------------------ fixtures

    /** A new active root organization {@code id}. */
    protected static Organization root(String id) {
        OrgId orgId = OrgId.of(id);
        return new Organization(orgId, "Org " + id, Optional.empty(), OrgPath.root(orgId), OrgStatus.ACTIVE,
                Optional.empty(), Optional.empty(), CREATED, 0);
    }

    /** A new active child {@code id} of {@code parent}. */
    protected static Organization child(Organization parent, String id) {
        OrgId orgId = OrgId.of(id);
        return new Organization(orgId, "Org " + id, Optional.of(parent.id()), parent.path().child(orgId),
                OrgStatus.ACTIVE, Optional.empty(), Optional.empty(), CREATED, 0);
    }

    /** Inserts and returns {@code org}. */
    protected Organization stored(Organization org) {
        repository.insert(org);
        return org;
    }

    private Organization reread(Organization org) {
        return repository.findById(org.id()).orElseThrow();
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        IdentityException e = catchThrowableOfType(IdentityException.class, call);
        assertThat(e).as("expected IdentityException " + code).isNotNull();
        assertThat(e.code()).isEqualTo(code);
    }

    private static List<String> ids(List<Organization> orgs) {
        return orgs.stream().map(o -> o.id().value()).toList();
    }

    // ------------------------------------------------------------------ insert and find

    @Test
    void insertWhenNewThenFindByIdReturnsEveryField() {
        Organization org = new Organization(OrgId.of("acme"), "Acme Capital", Optional.empty(),
                OrgPath.root(OrgId.of("acme")), OrgStatus.ACTIVE, Optional.empty(), Optional.of("contract-7"),
                CREATED, 0);
        repository.insert(org);
        assertThat(repository.findById(org.id())).contains(org);

        Organization desk = new Organization(OrgId.of("desk"), "Equities", Optional.of(org.id()),
                org.path().child(OrgId.of("desk")), OrgStatus.SUSPENDED, Optional.of(org.id()), Optional.empty(),
                CREATED.plus(Duration.ofDays(3)), 0);
        repository.insert(desk);
        assertThat(repository.findById(desk.id())).contains(desk);
    }

    @Test
    void insertWhenFreeTextHoldsAwkwardCharactersThenTheyRoundTripExactly() {
        String name = "Zürich \\ 東京 \0 \\0 \uD800 \uD83D\uDE00 '; DROP TABLE organizations; --";
        Organization org = new Organization(OrgId.of("odd"), name, Optional.empty(), OrgPath.root(OrgId.of("odd")),
                OrgStatus.ACTIVE, Optional.empty(), Optional.of("ref\\with\0nul"), CREATED, 0);
        repository.insert(org);
        assertThat(repository.findById(org.id())).contains(org);
        Organization renamed = repository.update(org.withName(name + "\\"));
        assertThat(reread(org)).isEqualTo(renamed);
        assertThat(renamed.name()).endsWith("\\");
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        stored(root("a"));
        assertThat(repository.findById(OrgId.of("b"))).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicateAndFirstKept() {
        Organization first = stored(root("a"));
        Organization again = new Organization(first.id(), "Other name", Optional.empty(), first.path(),
                OrgStatus.ACTIVE, Optional.empty(), Optional.empty(), CREATED, 0);
        assertCode(() -> repository.insert(again), StoreErrors.DUPLICATE);
        assertThat(reread(first).name()).isEqualTo(first.name());
    }

    @Test
    void insertWhenVersionIsNotZeroThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> repository.insert(root("a").withVersion(3)));
        assertThat(repository.findById(OrgId.of("a"))).isEmpty();
    }

    @Test
    void insertWhenParentIsStoredUnderAnotherPathThenConflict() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization x = stored(child(a, "x"));
        repository.moveSubtree(b.path(), x.path().child(b.id()), x.id(), 0);
        // a child built from the parent as it was read before the move
        assertCode(() -> repository.insert(child(b, "c")), StoreErrors.CONFLICT);
        assertThat(repository.findById(OrgId.of("c"))).isEmpty();
        Organization movedB = reread(b);
        repository.insert(child(movedB, "c"));
        assertThat(reread(child(movedB, "c")).path().value()).isEqualTo("/a/x/b/c/");
    }

    // ------------------------------------------------------------------ update and versions

    @Test
    void updateWhenVersionMatchesThenStoredWithNextVersion() {
        Organization org = stored(root("a"));
        Organization renamed = repository.update(org.withName("Renamed").withContractRef(Optional.of("c-1")));
        assertThat(renamed.version()).isEqualTo(1);
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.contractRef()).contains("c-1");
        assertThat(renamed.createdAt()).isEqualTo(CREATED);
        assertThat(reread(org)).isEqualTo(renamed);

        Organization again = repository.update(renamed.withContractRef(Optional.empty()));
        assertThat(again.version()).isEqualTo(2);
        assertThat(reread(org).contractRef()).isEmpty();
    }

    @Test
    void updateWhenStatusChangesThenStatusAndSuspensionRootStored() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization suspended = repository.update(b.suspendedBy(a.id()));
        assertThat(reread(b).status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(reread(b).suspensionRoot()).contains(a.id());
        repository.update(suspended.resumed());
        assertThat(reread(b).status()).isEqualTo(OrgStatus.ACTIVE);
        assertThat(reread(b).suspensionRoot()).isEmpty();
        assertThat(reread(b).version()).isEqualTo(2);
    }

    @Test
    void updateWhenVersionIsStaleThenConflictAndNothingChanged() {
        Organization org = stored(root("a"));
        repository.update(org.withName("First"));
        assertCode(() -> repository.update(org.withName("Second")), StoreErrors.CONFLICT);
        assertThat(reread(org).name()).isEqualTo("First");
        assertThat(reread(org).version()).isEqualTo(1);
    }

    @Test
    void updateWhenOrganizationIsMissingThenMissing() {
        assertCode(() -> repository.update(root("ghost")), StoreErrors.MISSING);
        assertThat(repository.findById(OrgId.of("ghost"))).isEmpty();
    }

    @Test
    void updateNeverChangesParentOrPath() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization updated = repository.update(b.withName("B2"));
        assertThat(updated.path()).isEqualTo(b.path());
        assertThat(updated.parentId()).contains(a.id());
    }

    // ------------------------------------------------------------------ listings

    @Test
    void findRootsWhenPagedThenEveryRootOnceInIdOrder() {
        List<String> rootIds = List.of("r5", "R1", "r-2", "r_3", "r0", "r10", "r9");
        for (String id : rootIds) {
            Organization r = stored(root(id));
            stored(child(r, "c" + id.replace("-", "").replace("_", "")));
        }
        List<String> expected = rootIds.stream().sorted().toList();

        Page<Organization> first = repository.findRoots(PageRequest.first(3));
        assertThat(ids(first.items())).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(first.next()).contains(expected.get(2));

        List<Organization> all = Page.all(repository::findRoots, 3);
        assertThat(ids(all)).containsExactlyElementsOf(expected);
        assertThat(all).allMatch(o -> o.parentId().isEmpty());

        Page<Organization> exact = repository.findRoots(PageRequest.first(7));
        assertThat(exact.items()).hasSize(7);
        assertThat(exact.next()).isEmpty();
    }

    @Test
    void findRootsWhenEmptyThenEmptyLastPage() {
        Page<Organization> page = repository.findRoots(PageRequest.first(10));
        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void findChildrenWhenPagedThenOnlyDirectChildrenInIdOrder() {
        Organization a = stored(root("a"));
        Organization other = stored(root("other"));
        List<String> childIds = List.of("k", "b", "B", "b-1", "b_1", "z9");
        for (String id : childIds) {
            Organization c = stored(child(a, id));
            stored(child(c, "g" + c.id().value().replace("-", "x").replace("_", "y")));
        }
        stored(child(other, "foreign"));

        List<Organization> all = Page.all(p -> repository.findChildren(a.id(), p), 2);
        assertThat(ids(all)).containsExactlyElementsOf(childIds.stream().sorted().toList());
        assertThat(repository.findChildren(OrgId.of("nobody"), PageRequest.first(5)).items()).isEmpty();
        Page<Organization> second = repository.findChildren(a.id(), PageRequest.after("b-1", 2));
        assertThat(ids(second.items())).containsExactly("b_1", "k");
    }

    @Test
    void findSubtreeWhenSiblingSharesPrefixThenOnlyTheSubtreeInPathOrder() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        stored(child(a, "bb"));
        stored(child(a, "b-"));
        stored(child(a, "b_"));
        Organization c = stored(child(b, "c"));
        stored(child(c, "d"));
        stored(child(b, "A"));
        stored(child(b, "0"));
        stored(root("ab"));

        List<Organization> subtree = Page.all(p -> repository.findSubtree(b.path(), p), 100);
        assertThat(subtree).extracting(o -> o.path().value())
                .containsExactly("/a/b/", "/a/b/0/", "/a/b/A/", "/a/b/c/", "/a/b/c/d/");
        assertThat(repository.countSubtree(b.path())).isEqualTo(5);
        assertThat(repository.countSubtree(a.path())).isEqualTo(9);
        assertThat(repository.countSubtree(new OrgPath("/nothing/"))).isZero();
    }

    @Test
    void findSubtreeWhenPagedThenCursorIsLastPathAndEveryOrgOnce() {
        Organization a = stored(root("a"));
        List<Organization> level = List.of(a);
        List<String> expected = new ArrayList<>(List.of(a.path().value()));
        int counter = 0;
        for (int depth = 0; depth < 3; depth++) {
            List<Organization> next = new ArrayList<>();
            for (Organization parent : level) {
                for (int i = 0; i < 3; i++) {
                    Organization c = stored(child(parent, "n" + depth + "-" + counter++));
                    next.add(c);
                    expected.add(c.path().value());
                }
            }
            level = next;
        }
        stored(root("b"));
        expected.sort(null);

        Page<Organization> first = repository.findSubtree(a.path(), PageRequest.first(4));
        assertThat(first.items()).hasSize(4);
        assertThat(first.next()).contains(first.items().get(3).path().value());

        List<Organization> all = Page.all(p -> repository.findSubtree(a.path(), p), 4);
        assertThat(all).extracting(o -> o.path().value()).containsExactlyElementsOf(expected);
        assertThat(repository.countSubtree(a.path())).isEqualTo(expected.size());
    }

    // ------------------------------------------------------------------ moves

    @Test
    void moveSubtreeThenPathsParentAndVersionsRewrittenAtomically() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization c = stored(child(b, "c"));
        Organization d = stored(child(c, "d"));
        Organization x = stored(child(a, "x"));
        Organization bb = stored(child(a, "bb"));

        int moved = repository.moveSubtree(b.path(), x.path().child(b.id()), x.id(), 0);

        assertThat(moved).isEqualTo(3);
        assertThat(reread(b).path().value()).isEqualTo("/a/x/b/");
        assertThat(reread(b).parentId()).contains(x.id());
        assertThat(reread(c).path().value()).isEqualTo("/a/x/b/c/");
        assertThat(reread(c).parentId()).contains(b.id());
        assertThat(reread(d).path().value()).isEqualTo("/a/x/b/c/d/");
        assertThat(List.of(reread(b), reread(c), reread(d))).allMatch(o -> o.version() == 1);
        assertThat(reread(x).version()).isZero();
        assertThat(reread(bb)).isEqualTo(bb);
        assertThat(repository.countSubtree(x.path())).isEqualTo(4);
        assertThat(ids(Page.all(p -> repository.findChildren(x.id(), p), 10))).containsExactly("b");
        assertThat(ids(Page.all(p -> repository.findChildren(a.id(), p), 10))).containsExactly("bb", "x");
        assertThat(reread(b).name()).isEqualTo(b.name());
    }

    @Test
    void moveSubtreeWhenVersionIsStaleThenConflictAndNothingMoved() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        stored(child(b, "c"));
        Organization x = stored(child(a, "x"));
        repository.update(b.withName("changed"));

        assertCode(() -> repository.moveSubtree(b.path(), x.path().child(b.id()), x.id(), 0), StoreErrors.CONFLICT);
        assertThat(reread(b).path()).isEqualTo(b.path());
        assertThat(repository.findById(OrgId.of("c")).orElseThrow().path().value()).isEqualTo("/a/b/c/");
        assertThat(repository.findById(OrgId.of("c")).orElseThrow().version()).isZero();
    }

    @Test
    void moveSubtreeWhenRootIsMissingThenMissing() {
        Organization a = stored(root("a"));
        assertCode(() -> repository.moveSubtree(new OrgPath("/a/ghost/"), new OrgPath("/a/x/ghost/"),
                OrgId.of("x"), 0), StoreErrors.MISSING);
        assertThat(reread(a)).isEqualTo(a);
    }

    @Test
    void moveSubtreeToAnotherTenantThenWholeSubtreeFollows() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        stored(child(b, "c"));
        Organization t = stored(root("t"));

        assertThat(repository.moveSubtree(b.path(), t.path().child(b.id()), t.id(), 0)).isEqualTo(2);
        assertThat(Page.all(p -> repository.findSubtree(t.path(), p), 10)).extracting(o -> o.path().value())
                .containsExactly("/t/", "/t/b/", "/t/b/c/");
        assertThat(repository.countSubtree(a.path())).isEqualTo(1);
        assertThat(reread(b).tenant()).isEqualTo(t.id());
    }

    // ------------------------------------------------------------------ suspension

    @Test
    void suspendSubtreeThenActiveOnesSuspendedAndEarlierCausesKept() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization c = stored(child(b, "c"));
        Organization d = stored(child(c, "d"));
        Organization e = stored(child(b, "e"));
        Organization sibling = stored(child(a, "f"));
        assertThat(repository.suspendSubtree(c.path(), c.id())).containsExactly(c.id(), d.id());

        List<OrgId> changed = repository.suspendSubtree(b.path(), b.id());

        assertThat(changed).containsExactly(b.id(), e.id());
        assertThat(reread(b).suspensionRoot()).contains(b.id());
        assertThat(reread(e).status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(reread(c).suspensionRoot()).contains(c.id());
        assertThat(reread(d).suspensionRoot()).contains(c.id());
        assertThat(reread(c).version()).isEqualTo(1);
        assertThat(reread(b).version()).isEqualTo(1);
        assertThat(reread(sibling)).isEqualTo(sibling);
        assertThat(repository.suspendSubtree(b.path(), b.id())).isEmpty();
        assertThat(reread(b).version()).isEqualTo(1);
    }

    @Test
    void resumeSubtreeThenOnlyThoseOfThatCauseResumed() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization c = stored(child(b, "c"));
        Organization d = stored(child(c, "d"));
        Organization e = stored(child(b, "e"));
        repository.suspendSubtree(c.path(), c.id());
        repository.suspendSubtree(b.path(), b.id());

        List<OrgId> resumed = repository.resumeSubtree(b.path(), b.id());

        assertThat(resumed).containsExactly(b.id(), e.id());
        assertThat(reread(b).isActive()).isTrue();
        assertThat(reread(b).suspensionRoot()).isEmpty();
        assertThat(reread(b).version()).isEqualTo(2);
        assertThat(reread(c).status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(reread(d).suspensionRoot()).contains(c.id());
        assertThat(repository.resumeSubtree(c.path(), c.id())).containsExactly(c.id(), d.id());
        assertThat(repository.resumeSubtree(c.path(), c.id())).isEmpty();
        assertThat(reread(a).version()).isZero();
    }

    @Test
    void statusVersionWhenStatusOrPlacementChangesThenIncreasesAndOtherwiseStays() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        Organization c = stored(root("c"));
        long start = repository.statusVersion();

        repository.update(reread(b).withName("renamed"));
        assertThat(repository.statusVersion()).as("a rename is no status change").isEqualTo(start);

        repository.suspendSubtree(b.path(), b.id());
        long afterSuspend = repository.statusVersion();
        assertThat(afterSuspend).isGreaterThan(start);

        assertThat(repository.suspendSubtree(b.path(), b.id())).isEmpty();
        assertThat(repository.statusVersion()).as("a suspension that changed nothing").isEqualTo(afterSuspend);

        repository.resumeSubtree(b.path(), b.id());
        long afterResume = repository.statusVersion();
        assertThat(afterResume).isGreaterThan(afterSuspend);

        Organization movedRoot = reread(b);
        repository.moveSubtree(movedRoot.path(), c.path().child(movedRoot.id()), c.id(), movedRoot.version());
        assertThat(repository.statusVersion()).isGreaterThan(afterResume);
    }

    @Test
    void suspendSubtreeWhenVersionReadBeforeThenUpdateConflicts() {
        Organization a = stored(root("a"));
        Organization b = stored(child(a, "b"));
        repository.suspendSubtree(a.path(), a.id());
        assertCode(() -> repository.update(b.withName("stale")), StoreErrors.CONFLICT);
    }

    // ------------------------------------------------------------------ concurrency

    /** Read-modify-write loops of several threads: every increment survives (no lost update). */
    @Test
    void updateWhenManyThreadsIncrementConcurrentlyThenNoUpdateIsLost() throws Exception {
        Organization org = stored(root("counter").withContractRef(Optional.of("0")));
        int threads = 6;
        int increments = 15;
        AtomicInteger conflicts = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        Organization current = reread(org);
                        int value = Integer.parseInt(current.contractRef().orElseThrow());
                        try {
                            repository.update(current.withContractRef(Optional.of(Integer.toString(value + 1))));
                            break;
                        } catch (IdentityException e) {
                            assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT);
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        runAll(workers);
        Organization last = reread(org);
        assertThat(last.contractRef()).contains(Integer.toString(threads * increments));
        assertThat(last.version()).isEqualTo(threads * increments);
    }

    /** Children inserted while their subtree moves back and forth: no child is left behind with a stale path. */
    @Test
    void insertWhenSubtreeMovesConcurrentlyThenEveryPathExtendsItsParentsPath() throws Exception {
        Organization t = stored(root("t"));
        Organization left = stored(child(t, "left"));
        Organization right = stored(child(t, "right"));
        Organization m = stored(child(left, "m"));
        Organization n = stored(child(m, "n"));
        List<Callable<Void>> workers = new ArrayList<>();
        workers.add(() -> {
            for (int i = 0; i < 12; i++) {
                Organization current = reread(m);
                Organization target = i % 2 == 0 ? right : left;
                repository.moveSubtree(current.path(), target.path().child(m.id()), target.id(),
                        current.version());
            }
            return null;
        });
        for (int w = 0; w < 3; w++) {
            int worker = w;
            workers.add(() -> {
                for (int i = 0; i < 10; i++) {
                    OrgId parentId = i % 2 == 0 ? m.id() : n.id();
                    while (true) {
                        Organization parent = repository.findById(parentId).orElseThrow();
                        try {
                            repository.insert(child(parent, "w" + worker + "i" + i));
                            break;
                        } catch (IdentityException e) {
                            assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT);
                        }
                    }
                }
                return null;
            });
        }
        runAll(workers);

        List<Organization> all = Page.all(p -> repository.findSubtree(t.path(), p), 50);
        assertThat(all).hasSize(5 + 30);
        for (Organization org : all) {
            if (org.parentId().isPresent()) {
                Organization parent = repository.findById(org.parentId().get()).orElseThrow();
                assertThat(org.path()).as(org.id().value()).isEqualTo(parent.path().child(org.id()));
            }
        }
        assertThat(repository.countSubtree(reread(m).path())).isEqualTo(2 + 30);
    }

    private static void runAll(List<Callable<Void>> workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Void>> futures = pool.invokeAll(workers, 2, TimeUnit.MINUTES);
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
