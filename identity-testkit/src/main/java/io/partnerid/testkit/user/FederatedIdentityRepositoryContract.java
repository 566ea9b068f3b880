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
 * <p>Not thread-safe; one instance per test. Issuers and tenants carry the per-test prefix, so a shared database
 * works. The key is (tenant, issuer, subject): the same pair is linkable once per tenant, and a look-up or removal in
 * one tenant never reaches another tenant's link (catalogue row R2).
 */
public abstract class FederatedIdentityRepositoryContract extends RepositoryContractSupport {

    private FederatedIdentityRepository repo;
    private OrgId tenantA;
    private OrgId tenantB;
    private User alice;
    private User bob;
    private User carol;

    /** The repository under test; called once before each test. */
    protected abstract FederatedIdentityRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        tenantA = org("a");
        tenantB = org("b");
        IdentityPool poolA = new IdentityPool(PoolId.of(id("pool-a")), tenantA, "Pool A", T0, 0);
        IdentityPool poolB = new IdentityPool(PoolId.of(id("pool-b")), tenantB, "Pool B", T0, 0);
        givenPool(poolA);
        givenPool(poolB);
        alice = new User(UserId.of(id("alice")), poolA.id(), tenantA, "alice", Optional.empty(), "Alice",
                UserStatus.ACTIVE, T0, 0);
        bob = new User(UserId.of(id("bob")), poolA.id(), tenantA, "bob", Optional.empty(), "Bob", UserStatus.ACTIVE,
                T0, 0);
        carol = new User(UserId.of(id("carol")), poolB.id(), tenantB, "carol", Optional.empty(), "Carol",
                UserStatus.ACTIVE, T0, 0);
        givenUser(alice);
        givenUser(bob);
        givenUser(carol);
    }

    private String issuer(String path) {
        return "https://idp.example/" + id(path);
    }

    /** A link of {@code user} in the user's own tenant (its home organization is a root here). */
    private FederatedIdentity link(String issuer, String subject, User user) {
        return link(user.orgId(), issuer, subject, user);
    }

    private FederatedIdentity link(OrgId tenant, String issuer, String subject, User user) {
        return new FederatedIdentity(tenant, issuer, subject, user.id(), user.poolId(), user.orgId(),
                T0.plusMillis(7));
    }

    private FederatedIdentity stored(String issuer, String subject, User user) {
        FederatedIdentity link = link(issuer, subject, user);
        repo.insert(link);
        return link;
    }

    @Test
    void insertThenFindReturnsTheSameLink() {
        FederatedIdentity link = stored(issuer("a"), "248289761001", alice);
        assertThat(repo.find(tenantA, link.issuer(), link.subject())).contains(link);
    }

    @Test
    void findWhenAbsentThenEmpty() {
        assertThat(repo.find(tenantA, issuer("a"), "nobody")).isEmpty();
    }

    @Test
    @DisplayName("OIDC Core §5.7: (iss, sub) is unique in a tenant — a second user cannot take a linked pair")
    void insertWhenPairLinkedToAnotherUserOfTheTenantThenDuplicate() {
        FederatedIdentity first = stored(issuer("a"), "sub-1", alice);
        assertThatThrownBy(() -> repo.insert(link(issuer("a"), "sub-1", bob)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
        assertThat(repo.find(tenantA, issuer("a"), "sub-1")).contains(first);
    }

    @Test
    @DisplayName("R2: the same (iss, sub) is linkable in two tenants; a look-up in one never returns the other's")
    void insertWhenSamePairInAnotherTenantThenBothStoredAndEachFoundOnlyInItsTenant() {
        FederatedIdentity inA = stored(issuer("a"), "sub-1", alice);
        FederatedIdentity inB = stored(issuer("a"), "sub-1", carol);
        assertThat(repo.find(tenantA, issuer("a"), "sub-1")).contains(inA);
        assertThat(repo.find(tenantB, issuer("a"), "sub-1")).contains(inB);
        assertThat(repo.find(OrgId.of(id("c")), issuer("a"), "sub-1")).isEmpty();
        assertThatThrownBy(() -> repo.insert(link(issuer("a"), "sub-1", carol)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
    }

    @Test
    @DisplayName("R2: removing a pair in one tenant leaves another tenant's link of the same pair")
    void deleteWhenSamePairInAnotherTenantThenOnlyThatTenantsLinkRemoved() {
        FederatedIdentity inA = stored(issuer("a"), "sub-1", alice);
        stored(issuer("a"), "sub-1", carol);
        assertThat(repo.delete(tenantB, issuer("a"), "sub-1")).isTrue();
        assertThat(repo.find(tenantB, issuer("a"), "sub-1")).isEmpty();
        assertThat(repo.find(tenantA, issuer("a"), "sub-1")).contains(inA);
        assertThat(repo.delete(tenantB, issuer("a"), "sub-1")).isFalse();
        assertListing(p -> repo.findByUser(alice.id(), p), FederatedIdentity::subject, List.of("sub-1"));
    }

    @Test
    @DisplayName("OIDC Core §5.7: issuer and subject compare exactly — case and trailing slash matter")
    void insertWhenPairDiffersOnlyInCaseOrSlashThenDistinct() {
        String iss = issuer("a");
        stored(iss, "Sub-1", alice);
        stored(iss, "sub-1", bob);
        stored(iss + "/", "sub-1", bob);
        stored(iss.toUpperCase(java.util.Locale.ROOT), "sub-1", bob);
        assertThat(repo.find(tenantA, iss, "Sub-1").orElseThrow().userId()).isEqualTo(alice.id());
        assertThat(repo.find(tenantA, iss, "sub-1").orElseThrow().userId()).isEqualTo(bob.id());
        assertThat(repo.find(tenantA, iss, "SUB-1")).isEmpty();
    }

    @Test
    void insertWhenSameSubjectAtAnotherIssuerThenAllowed() {
        stored(issuer("a"), "sub-1", alice);
        stored(issuer("b"), "sub-1", bob);
        assertThat(repo.find(tenantA, issuer("b"), "sub-1").orElseThrow().userId()).isEqualTo(bob.id());
    }

    @Test
    void deleteWhenPresentThenTrueAndThePairCanBeLinkedAgain() {
        stored(issuer("a"), "sub-1", alice);
        assertThat(repo.delete(tenantA, issuer("a"), "sub-1")).isTrue();
        assertThat(repo.find(tenantA, issuer("a"), "sub-1")).isEmpty();
        assertThat(repo.delete(tenantA, issuer("a"), "sub-1")).isFalse();
        assertListing(p -> repo.findByUser(alice.id(), p), FederatedIdentity::subject, List.of());
        stored(issuer("a"), "sub-1", bob);
        assertThat(repo.find(tenantA, issuer("a"), "sub-1").orElseThrow().userId()).isEqualTo(bob.id());
    }

    @Test
    void findByUserWhenPagedThenIssuerThenSubjectThenTenantBinaryOrder() {
        String a = issuer("a");
        String ax = issuer("a") + "/x";
        String upper = issuer("A");
        stored(ax, "1", alice);
        stored(a, "2", alice);
        stored(a, "10", alice);
        stored(upper, "z", alice);
        stored(a, "B", alice);
        // a link kept under another tenant (the user's organization moved there): same pair, ordered by tenant
        repo.insert(link(tenantB, a, "2", alice));
        stored(issuer("bob"), "1", bob);
        // Tuple order, not concatenated-string order: (a,10) (a,2) (a,B) come before (a/x,1); "A" sorts before "a".
        assertListing(p -> repo.findByUser(alice.id(), p), l -> l.issuer() + " " + l.subject() + " " + l.tenant(),
                List.of(upper + " z " + tenantA, a + " 10 " + tenantA, a + " 2 " + tenantA, a + " 2 " + tenantB,
                        a + " B " + tenantA, ax + " 1 " + tenantA));
    }

    @Test
    void deleteByUserWhenLinksExistThenCountAndOthersUntouched() {
        stored(issuer("a"), "1", alice);
        stored(issuer("b"), "1", alice);
        repo.insert(link(tenantB, issuer("b"), "1", alice));
        FederatedIdentity bobs = stored(issuer("a"), "2", bob);
        FederatedIdentity carols = stored(issuer("a"), "1", carol);
        assertThat(repo.deleteByUser(alice.id())).isEqualTo(3);
        assertThat(repo.deleteByUser(alice.id())).isZero();
        assertThat(repo.find(tenantA, issuer("a"), "1")).isEmpty();
        assertThat(repo.find(tenantA, issuer("a"), "2")).contains(bobs);
        assertThat(repo.find(tenantB, issuer("a"), "1")).contains(carols);
    }
}
