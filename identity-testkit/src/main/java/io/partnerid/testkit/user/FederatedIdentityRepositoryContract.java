package io.partnerid.testkit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.FederatedIdentity;
import io.partnerid.core.user.FederatedIdentityRepository;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FederatedIdentityRepository} implementation must pass: extend it and return the
 * repository under test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Issuers carry the per-test prefix, so a shared database works.
 */
public abstract class FederatedIdentityRepositoryContract extends RepositoryContractSupport {

    private FederatedIdentityRepository repo;
    private User alice;
    private User bob;

    /** The repository under test; called once before each test. */
    protected abstract FederatedIdentityRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        OrgId org = org("o");
        IdentityPool pool = new IdentityPool(PoolId.of(id("pool")), org, "Pool", T0, 0);
        givenPool(pool);
        alice = new User(UserId.of(id("alice")), pool.id(), org, "alice", Optional.empty(), "Alice",
                UserStatus.ACTIVE, T0, 0);
        bob = new User(UserId.of(id("bob")), pool.id(), org, "bob", Optional.empty(), "Bob", UserStatus.ACTIVE, T0, 0);
        givenUser(alice);
        givenUser(bob);
    }

    private String issuer(String path) {
        return "https://idp.example/" + id(path);
    }

    private FederatedIdentity link(String issuer, String subject, User user) {
        return new FederatedIdentity(issuer, subject, user.id(), user.poolId(), user.orgId(), T0.plusMillis(7));
    }

    private FederatedIdentity stored(String issuer, String subject, User user) {
        FederatedIdentity link = link(issuer, subject, user);
        repo.insert(link);
        return link;
    }

    @Test
    void insertThenFindReturnsTheSameLink() {
        FederatedIdentity link = stored(issuer("a"), "248289761001", alice);
        assertThat(repo.find(link.issuer(), link.subject())).contains(link);
    }

    @Test
    void findWhenAbsentThenEmpty() {
        assertThat(repo.find(issuer("a"), "nobody")).isEmpty();
    }

    @Test
    @DisplayName("OIDC Core §5.7: (iss, sub) is unique — a second user cannot take a linked pair")
    void insertWhenPairLinkedToAnotherUserThenDuplicate() {
        FederatedIdentity first = stored(issuer("a"), "sub-1", alice);
        assertThatThrownBy(() -> repo.insert(link(issuer("a"), "sub-1", bob)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
        assertThat(repo.find(issuer("a"), "sub-1")).contains(first);
    }

    @Test
    @DisplayName("OIDC Core §5.7: issuer and subject compare exactly — case and trailing slash matter")
    void insertWhenPairDiffersOnlyInCaseOrSlashThenDistinct() {
        String iss = issuer("a");
        stored(iss, "Sub-1", alice);
        stored(iss, "sub-1", bob);
        stored(iss + "/", "sub-1", bob);
        stored(iss.toUpperCase(java.util.Locale.ROOT), "sub-1", bob);
        assertThat(repo.find(iss, "Sub-1").orElseThrow().userId()).isEqualTo(alice.id());
        assertThat(repo.find(iss, "sub-1").orElseThrow().userId()).isEqualTo(bob.id());
        assertThat(repo.find(iss, "SUB-1")).isEmpty();
    }

    @Test
    void insertWhenSameSubjectAtAnotherIssuerThenAllowed() {
        stored(issuer("a"), "sub-1", alice);
        stored(issuer("b"), "sub-1", bob);
        assertThat(repo.find(issuer("b"), "sub-1").orElseThrow().userId()).isEqualTo(bob.id());
    }

    @Test
    void deleteWhenPresentThenTrueAndThePairCanBeLinkedAgain() {
        stored(issuer("a"), "sub-1", alice);
        assertThat(repo.delete(issuer("a"), "sub-1")).isTrue();
        assertThat(repo.find(issuer("a"), "sub-1")).isEmpty();
        assertThat(repo.delete(issuer("a"), "sub-1")).isFalse();
        assertListing(p -> repo.findByUser(alice.id(), p), FederatedIdentity::subject, List.of());
        stored(issuer("a"), "sub-1", bob);
        assertThat(repo.find(issuer("a"), "sub-1").orElseThrow().userId()).isEqualTo(bob.id());
    }

    @Test
    void findByUserWhenPagedThenIssuerThenSubjectBinaryOrder() {
        String a = issuer("a");
        String ax = issuer("a") + "/x";
        String upper = issuer("A");
        stored(ax, "1", alice);
        stored(a, "2", alice);
        stored(a, "10", alice);
        stored(upper, "z", alice);
        stored(a, "B", alice);
        stored(issuer("bob"), "1", bob);
        // Tuple order, not concatenated-string order: (a,10) (a,2) (a,B) come before (a/x,1); "A" sorts before "a".
        assertListing(p -> repo.findByUser(alice.id(), p), l -> l.issuer() + " " + l.subject(),
                List.of(upper + " z", a + " 10", a + " 2", a + " B", ax + " 1"));
    }

    @Test
    void deleteByUserWhenLinksExistThenCountAndOthersUntouched() {
        stored(issuer("a"), "1", alice);
        stored(issuer("b"), "1", alice);
        FederatedIdentity bobs = stored(issuer("a"), "2", bob);
        assertThat(repo.deleteByUser(alice.id())).isEqualTo(2);
        assertThat(repo.deleteByUser(alice.id())).isZero();
        assertThat(repo.find(issuer("a"), "1")).isEmpty();
        assertThat(repo.find(issuer("a"), "2")).contains(bobs);
    }
}
