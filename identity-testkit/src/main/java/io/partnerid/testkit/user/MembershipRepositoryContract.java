package io.partnerid.testkit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.Membership;
import io.partnerid.core.user.MembershipRepository;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MembershipRepository} implementation must pass: extend it and return the repository
 * under test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class MembershipRepositoryContract extends RepositoryContractSupport {

    private MembershipRepository repo;
    private IdentityPool pool;

    /** The repository under test; called once before each test. */
    protected abstract MembershipRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        pool = new IdentityPool(PoolId.of(id("pool")), org("home"), "Pool", T0, 0);
        givenPool(pool);
    }

    private UserId user(String suffix) {
        User user = new User(UserId.of(id(suffix)), pool.id(), pool.orgId(), suffix.toLowerCase(java.util.Locale.ROOT)
                + "-" + suffix.length(), Optional.empty(), "User", UserStatus.ACTIVE, T0, 0);
        givenUser(user);
        return user.id();
    }

    private Membership stored(UserId user, OrgId org) {
        Membership m = new Membership(user, org, T0.plusSeconds(5));
        repo.insert(m);
        return m;
    }

    @Test
    void insertThenFindReturnsTheSameMembership() {
        Membership m = stored(user("u"), org("x"));
        assertThat(repo.find(m.userId(), m.orgId())).contains(m);
    }

    @Test
    void findWhenAbsentThenEmpty() {
        UserId u = user("u");
        stored(u, org("x"));
        assertThat(repo.find(u, org("y"))).isEmpty();
        assertThat(repo.find(user("v"), org("x"))).isEmpty();
    }

    @Test
    void insertWhenAlreadyMemberThenDuplicate() {
        UserId u = user("u");
        OrgId x = org("x");
        stored(u, x);
        assertThatThrownBy(() -> repo.insert(new Membership(u, x, T0.plusSeconds(60))))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
        assertThat(repo.find(u, x).orElseThrow().since()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void deleteWhenPresentThenTrueOnceAndGoneFromBothListings() {
        UserId u = user("u");
        OrgId x = org("x");
        stored(u, x);
        assertThat(repo.delete(u, x)).isTrue();
        assertThat(repo.delete(u, x)).isFalse();
        assertThat(repo.find(u, x)).isEmpty();
        assertListing(p -> repo.findByUser(u, p), m -> m.orgId().value(), List.of());
        assertListing(p -> repo.findByOrg(x, p), m -> m.userId().value(), List.of());
    }

    @Test
    void findByUserWhenPagedThenBinaryOrgIdOrder() {
        UserId u = user("u");
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(u, org(s));
        }
        stored(user("v"), org("a-other"));
        assertListing(p -> repo.findByUser(u, p), m -> m.orgId().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
    }

    @Test
    void findByOrgWhenPagedThenBinaryUserIdOrder() {
        OrgId x = org("x");
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(user(s), x);
        }
        stored(user("a-other"), org("y"));
        assertListing(p -> repo.findByOrg(x, p), m -> m.userId().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
    }
}
