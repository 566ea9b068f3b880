package io.partnerid.testkit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserRepository;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link UserRepository} implementation must pass: extend it and return the repository under
 * test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class UserRepositoryContract extends RepositoryContractSupport {

    private UserRepository repo;
    private IdentityPool pool;
    private IdentityPool otherPool;

    /** The repository under test; called once before each test. */
    protected abstract UserRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        OrgId org = org("o");
        pool = new IdentityPool(PoolId.of(id("pool")), org, "Pool", T0, 0);
        otherPool = new IdentityPool(PoolId.of(id("pool2")), org, "Other pool", T0, 0);
        givenPool(pool);
        givenPool(otherPool);
    }

    private User user(String suffix, IdentityPool in, String username) {
        return new User(UserId.of(id(suffix)), in.id(), in.orgId(), username, Optional.of(username + "@example.com"),
                "User " + suffix, UserStatus.ACTIVE, T0.plusNanos(123_456_000), 0);
    }

    private User stored(String suffix, IdentityPool in, String username) {
        User user = user(suffix, in, username);
        repo.insert(user);
        return user;
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void insertThenFindByIdReturnsTheSameUserWithMicrosecondInstant() {
        User alice = stored("alice", pool, "alice");
        User noMail = new User(UserId.of(id("bob")), pool.id(), pool.orgId(), "bob", Optional.empty(), "Bob",
                UserStatus.INVITED, T0, 0);
        repo.insert(noMail);
        assertThat(repo.findById(alice.id())).contains(alice);
        assertThat(repo.findById(noMail.id())).contains(noMail);
    }

    @Test
    void insertWhenNonAsciiTextThenStoredAndFoundExactly() {
        User zoe = new User(UserId.of(id("zoe")), pool.id(), pool.orgId(), "zoë.müller",
                Optional.of("zoë@bücher.example"), "Zoë Müller 🏔", UserStatus.ACTIVE, T0, 0);
        repo.insert(zoe);
        assertThat(repo.findById(zoe.id())).contains(zoe);
        assertThat(repo.findByUsername(pool.id(), "zoë.müller")).contains(zoe);
        assertThat(repo.findByUsername(pool.id(), "zoe.muller")).isEmpty();
    }

    @Test
    void findWhenAbsentThenEmpty() {
        assertThat(repo.findById(UserId.of(id("nobody")))).isEmpty();
        assertThat(repo.findByUsername(pool.id(), "nobody")).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicate() {
        User alice = stored("alice", pool, "alice");
        assertCode(() -> repo.insert(user("alice", otherPool, "alice2")), StoreErrors.DUPLICATE);
        assertThat(repo.findById(alice.id())).contains(alice);
    }

    @Test
    void insertWhenUsernameTakenInPoolThenDuplicateButOtherPoolMayReuseIt() {
        stored("alice", pool, "alice");
        assertCode(() -> repo.insert(user("alice2", pool, "alice")), StoreErrors.DUPLICATE);
        assertThat(repo.findById(UserId.of(id("alice2")))).isEmpty();
        User twin = stored("alice3", otherPool, "alice");
        assertThat(repo.findByUsername(otherPool.id(), "alice")).contains(twin);
    }

    @Test
    void insertWhenVersionIsNotZeroThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> repo.insert(user("a", pool, "a").withVersion(1)));
    }

    @Test
    void findByUsernameWhenPresentThenOnlyInItsPool() {
        User alice = stored("alice", pool, "alice");
        assertThat(repo.findByUsername(pool.id(), "alice")).contains(alice);
        assertThat(repo.findByUsername(otherPool.id(), "alice")).isEmpty();
    }

    @Test
    void updateWhenVersionCurrentThenFieldsChangedAndVersionIncremented() {
        User alice = stored("alice", pool, "alice");
        User changed = new User(alice.id(), alice.poolId(), alice.orgId(), "alice.smith", Optional.empty(),
                "Alice Smith", UserStatus.LOCKED, alice.createdAt(), 0);
        User updated = repo.update(changed);
        assertThat(updated).isEqualTo(changed.withVersion(1));
        assertThat(repo.findById(alice.id())).contains(updated);
        assertThat(repo.findByUsername(pool.id(), "alice")).isEmpty();
        assertThat(repo.findByUsername(pool.id(), "alice.smith")).contains(updated);
        stored("alice-again", pool, "alice"); // the old username is free again
    }

    @Test
    void updateWhenVersionStaleThenConflictAndNothingChanges() {
        User alice = stored("alice", pool, "alice");
        User locked = repo.update(alice.withStatus(UserStatus.LOCKED));
        assertCode(() -> repo.update(alice.withStatus(UserStatus.DISABLED)), StoreErrors.CONFLICT);
        assertThat(repo.findById(alice.id())).contains(locked);
    }

    @Test
    void updateWhenMissingThenMissing() {
        assertCode(() -> repo.update(user("ghost", pool, "ghost")), StoreErrors.MISSING);
    }

    @Test
    void updateWhenUsernameTakenThenDuplicateAndNothingChanges() {
        User alice = stored("alice", pool, "alice");
        stored("bob", pool, "bob");
        User renamed = new User(alice.id(), alice.poolId(), alice.orgId(), "bob", alice.email(),
                alice.displayName(), alice.status(), alice.createdAt(), alice.version());
        assertCode(() -> repo.update(renamed), StoreErrors.DUPLICATE);
        assertThat(repo.findById(alice.id())).contains(alice);
    }

    @Test
    void updateNeverChangesPoolOrganizationOrCreationTime() {
        User alice = stored("alice", pool, "alice");
        User moved = new User(alice.id(), otherPool.id(), org("elsewhere"), "alice", alice.email(), "Alice",
                alice.status(), T0.plusSeconds(99), 0);
        User updated = repo.update(moved);
        assertThat(updated.poolId()).isEqualTo(pool.id());
        assertThat(updated.orgId()).isEqualTo(pool.orgId());
        assertThat(updated.createdAt()).isEqualTo(alice.createdAt());
        assertThat(repo.findByUsername(otherPool.id(), "alice")).isEmpty();
    }

    @Test
    void updateWhenConcurrentWritersRetryOnConflictThenNoUpdateIsLost() throws Exception {
        User alice = stored("alice", pool, "alice");
        int writers = 4;
        int rounds = 10;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                conflicts.add(executor.submit(() -> {
                    start.await();
                    int seen = 0;
                    for (int r = 0; r < rounds; r++) {
                        while (true) {
                            User current = repo.findById(alice.id()).orElseThrow();
                            try {
                                repo.update(current.withProfile("v" + current.version(), current.email()));
                                break;
                            } catch (IdentityException e) {
                                assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT);
                                seen++;
                            }
                        }
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<Integer> f : conflicts) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(repo.findById(alice.id()).orElseThrow().version()).isEqualTo((long) writers * rounds);
    }

    @Test
    void findByPoolWhenPagedThenBinaryIdOrderAndOnlyThatPool() {
        int n = 0;
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(s, pool, "user" + n++);
        }
        stored("a-other", otherPool, "user0");
        assertListing(p -> repo.findByPool(pool.id(), p), u -> u.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
        assertListing(p -> repo.findByPool(PoolId.of(id("none")), p), u -> u.id().value(), List.of());
    }
}
