package io.partnerid.testkit.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupId;
import io.partnerid.core.group.GroupMembership;
import io.partnerid.core.group.GroupRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link GroupRepository} implementation must pass: extend it and return the repository under
 * test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class GroupRepositoryContract extends RepositoryContractSupport {

    private GroupRepository repo;
    private OrgId org;
    private IdentityPool pool;

    /** The repository under test; called once before each test. */
    protected abstract GroupRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        org = org("o");
        pool = new IdentityPool(PoolId.of(id("pool")), org, "Pool", T0, 0);
        givenPool(pool);
    }

    private Group group(String suffix, Optional<Group> parent) {
        return new Group(GroupId.of(id(suffix)), org, "Group " + suffix, parent.map(Group::id), T0, 0);
    }

    private Group stored(String suffix, Optional<Group> parent) {
        Group g = group(suffix, parent);
        repo.insert(g);
        return g;
    }

    private UserId user(String suffix) {
        User user = new User(UserId.of(id(suffix)), pool.id(), org, "u" + suffix.toLowerCase(Locale.ROOT)
                + suffix.length(), Optional.empty(), "User", UserStatus.ACTIVE, T0, 0);
        givenUser(user);
        return user.id();
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void insertThenFindReturnsTheSameGroup() {
        Group top = stored("top", Optional.empty());
        Group child = stored("child", Optional.of(top));
        assertThat(repo.findById(top.id())).contains(top);
        assertThat(repo.findById(child.id())).contains(child);
        assertThat(repo.findById(GroupId.of(id("none")))).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicate() {
        Group top = stored("top", Optional.empty());
        assertCode(() -> repo.insert(top.withName("Other")), StoreErrors.DUPLICATE);
    }

    @Test
    void insertWhenVersionIsNotZeroThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> repo.insert(group("g", Optional.empty())
                .withVersion(2)));
    }

    @Test
    void updateWhenVersionCurrentThenRenamedButParentUntouched() {
        Group a = stored("a", Optional.empty());
        Group b = stored("b", Optional.empty());
        Group updated = repo.update(b.withName("Renamed").withParent(Optional.of(a.id())));
        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(updated.parent()).as("update never moves").isEmpty();
        assertThat(repo.findById(b.id())).contains(updated);
    }

    @Test
    void updateWhenStaleThenConflictAndWhenMissingThenMissing() {
        Group a = stored("a", Optional.empty());
        repo.update(a.withName("One"));
        assertCode(() -> repo.update(a.withName("Two")), StoreErrors.CONFLICT);
        assertThat(repo.findById(a.id()).orElseThrow().name()).isEqualTo("One");
        assertCode(() -> repo.update(group("ghost", Optional.empty())), StoreErrors.MISSING);
    }

    @Test
    void moveWhenVersionsCurrentThenParentChangedOnlyMovedVersionIncremented() {
        Group root = stored("root", Optional.empty());
        Group mid = stored("mid", Optional.of(root));
        Group leaf = stored("leaf", Optional.empty());
        Group moved = repo.move(leaf.withParent(Optional.of(mid.id())), List.of(mid, root));
        assertThat(moved.parent()).contains(mid.id());
        assertThat(moved.version()).isEqualTo(1);
        assertThat(repo.findById(leaf.id())).contains(moved);
        assertThat(repo.findById(mid.id())).contains(mid);
        assertThat(repo.findById(root.id())).contains(root);
        assertListing(p -> repo.findChildren(mid.id(), p), g -> g.id().value(), List.of(leaf.id().value()));

        Group top = repo.move(moved.withParent(Optional.empty()), List.of());
        assertThat(top.parent()).isEmpty();
        assertThat(top.version()).isEqualTo(2);
        assertListing(p -> repo.findChildren(mid.id(), p), g -> g.id().value(), List.of());
    }

    @Test
    void moveWhenMovedGroupStaleThenConflictAndNothingMoves() {
        Group a = stored("a", Optional.empty());
        Group b = stored("b", Optional.empty());
        repo.update(b.withName("Changed"));
        assertCode(() -> repo.move(b.withParent(Optional.of(a.id())), List.of(a)), StoreErrors.CONFLICT);
        assertThat(repo.findById(b.id()).orElseThrow().parent()).isEmpty();
    }

    @Test
    void moveWhenAncestryChangedSinceReadThenConflict() {
        Group a = stored("a", Optional.empty());
        Group b = stored("b", Optional.empty());
        // Another writer moves `a` under `b` after we read `a`; moving `b` under the stale `a` would form a cycle.
        repo.move(a.withParent(Optional.of(b.id())), List.of(b));
        assertCode(() -> repo.move(b.withParent(Optional.of(a.id())), List.of(a)), StoreErrors.CONFLICT);
        assertThat(repo.findById(b.id()).orElseThrow().parent()).isEmpty();
    }

    @Test
    void moveWhenAncestorOfNewParentChangedThenConflict() {
        Group root = stored("root", Optional.empty());
        Group mid = stored("mid", Optional.of(root));
        Group other = stored("other", Optional.empty());
        repo.update(root.withName("Changed"));
        assertCode(() -> repo.move(other.withParent(Optional.of(mid.id())), List.of(mid, root)),
                StoreErrors.CONFLICT);
    }

    /** The new parent and its ancestors, read from the repository as a service would before a move. */
    private List<Group> ancestry(GroupId parent) {
        List<Group> chain = new ArrayList<>();
        Optional<GroupId> next = Optional.of(parent);
        while (next.isPresent() && chain.size() < 100) {
            Group g = repo.findById(next.get()).orElseThrow();
            chain.add(g);
            next = g.parent();
        }
        return chain;
    }

    private void tryMove(GroupId moved, GroupId under) {
        Group current = repo.findById(moved).orElseThrow();
        List<Group> chain = ancestry(under);
        if (chain.stream().anyMatch(g -> g.id().equals(moved))) {
            return; // the service would refuse: cycle
        }
        try {
            repo.move(current.withParent(Optional.of(under)), chain);
        } catch (IdentityException e) {
            assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT);
        }
    }

    @Test
    void moveWhenTwoWritersMoveGroupsUnderEachOtherConcurrentlyThenNeverACycle() throws Exception {
        Group a = stored("a", Optional.empty());
        Group b = stored("b", Optional.empty());
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                CyclicBarrier barrier = new CyclicBarrier(2);
                Future<?> one = executor.submit(() -> {
                    barrier.await();
                    tryMove(a.id(), b.id());
                    return null;
                });
                Future<?> two = executor.submit(() -> {
                    barrier.await();
                    tryMove(b.id(), a.id());
                    return null;
                });
                one.get(30, TimeUnit.SECONDS);
                two.get(30, TimeUnit.SECONDS);
                Group nowA = repo.findById(a.id()).orElseThrow();
                Group nowB = repo.findById(b.id()).orElseThrow();
                assertThat(nowA.parent().equals(Optional.of(b.id())) && nowB.parent().equals(Optional.of(a.id())))
                        .as("round %d left a cycle", round).isFalse();
                for (Group g : List.of(nowA, nowB)) {
                    if (g.parent().isPresent()) {
                        repo.move(g.withParent(Optional.empty()), List.of());
                    }
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void moveWhenMissingThenMissing() {
        assertCode(() -> repo.move(group("ghost", Optional.empty()), List.of()), StoreErrors.MISSING);
    }

    @Test
    void findByOrgWhenPagedThenBinaryIdOrderAtEveryLevel() {
        Group parent = stored("b", Optional.empty());
        for (String s : List.of("Zed", "abe", "_x", "-m", "9")) {
            stored(s, Optional.of(parent));
        }
        OrgId other = org("other");
        repo.insert(new Group(GroupId.of(id("a-other")), other, "Other", Optional.empty(), T0, 0));
        assertListing(p -> repo.findByOrg(org, p), g -> g.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
        assertListing(p -> repo.findChildren(parent.id(), p), g -> g.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe")));
    }

    @Test
    void addMemberThenFindAndDuplicateRefused() {
        Group g = stored("g", Optional.empty());
        UserId u = user("u");
        GroupMembership m = new GroupMembership(g.id(), u, org, T0.plusSeconds(1));
        repo.addMember(m);
        assertThat(repo.findMember(g.id(), u)).contains(m);
        assertCode(() -> repo.addMember(new GroupMembership(g.id(), u, org, T0.plusSeconds(2))),
                StoreErrors.DUPLICATE);
        assertThat(repo.findMember(g.id(), user("v"))).isEmpty();
    }

    @Test
    void removeMemberWhenPresentThenTrueOnceAndGoneFromListings() {
        Group g = stored("g", Optional.empty());
        UserId u = user("u");
        repo.addMember(new GroupMembership(g.id(), u, org, T0));
        assertThat(repo.removeMember(g.id(), u)).isTrue();
        assertThat(repo.removeMember(g.id(), u)).isFalse();
        assertThat(repo.findMember(g.id(), u)).isEmpty();
        assertListing(p -> repo.findMembers(g.id(), p), m -> m.userId().value(), List.of());
        assertListing(p -> repo.findGroupsOf(u, p), m -> m.groupId().value(), List.of());
    }

    @Test
    void findMembersAndGroupsOfWhenPagedThenBinaryOrder() {
        Group g = stored("g", Optional.empty());
        List<String> suffixes = List.of("b", "Zed", "abe", "_x", "-m", "9");
        for (String s : suffixes) {
            repo.addMember(new GroupMembership(g.id(), user(s), org, T0));
        }
        UserId u = user("u");
        for (String s : suffixes) {
            Group gs = stored("g" + s, Optional.empty());
            repo.addMember(new GroupMembership(gs.id(), u, org, T0));
        }
        assertListing(p -> repo.findMembers(g.id(), p), m -> m.userId().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
        assertListing(p -> repo.findGroupsOf(u, p), m -> m.groupId().value(),
                List.of(id("g-m"), id("g9"), id("gZed"), id("g_x"), id("gabe"), id("gb")));
    }
}
