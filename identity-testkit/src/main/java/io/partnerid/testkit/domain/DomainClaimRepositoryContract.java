package io.partnerid.testkit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.domain.DomainClaim;
import io.partnerid.core.domain.DomainClaimRepository;
import io.partnerid.core.domain.DomainName;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DomainClaimRepository} implementation must pass; implementations extend it.
 *
 * <p>Each test uses fresh organization ids and domain names, so one repository (and one database) may serve every
 * test without cleaning. Pinned semantics: claims round-trip exactly (timestamps at millisecond precision); insert
 * requires version 0 and refuses a second claim of the same organization on the same domain
 * ({@code store.duplicate}); update checks the version ({@code store.conflict}), refuses a missing claim
 * ({@code store.missing}) and returns the claim with version + 1; at most one VERIFIED claim per domain, enforced
 * atomically on insert and update ({@code store.duplicate}), while pending claims of several organizations
 * coexist; {@code findVerified} never returns a pending claim; {@code findByOrg} is ordered by domain name with the
 * last domain name as cursor; {@code delete} reports whether a claim existed and frees a verified domain.
 */
public abstract class DomainClaimRepositoryContract {

    /** A millisecond-precision instant, storable by every implementation. */
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The repository under test; may be the same instance for every test. */
    protected abstract DomainClaimRepository repository();

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private OrgId org(String name) {
        return OrgId.of(name + "-" + run);
    }

    private DomainName domain(String name) {
        return DomainName.of(name + "-" + run + ".example");
    }

    private static DomainClaim pending(OrgId org, DomainName domain) {
        return new DomainClaim(org, domain, DomainClaim.Status.PENDING, "partnerid-domain-verification=" + org,
                T0, Optional.empty(), T0.plusSeconds(3_600), 0);
    }

    private static void assertCode(ThrowingCallable call, io.partnerid.core.ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void insertThenFindReturnsTheSameClaim() {
        DomainClaim claim = pending(org("a"), domain("acme"));
        repository().insert(claim);
        assertThat(repository().find(claim.orgId(), claim.domain())).contains(claim);
        assertThat(repository().find(org("other"), claim.domain())).isEmpty();
        assertThat(repository().find(claim.orgId(), domain("other"))).isEmpty();
    }

    @Test
    void insertWhenVersionNotZeroThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> repository().insert(pending(org("a"), domain("acme")).withVersion(1)));
    }

    @Test
    void insertWhenSameOrgClaimsSameDomainTwiceThenDuplicate() {
        DomainClaim claim = pending(org("a"), domain("acme"));
        repository().insert(claim);
        assertCode(() -> repository().insert(claim), StoreErrors.DUPLICATE);
    }

    @Test
    void insertWhenSeveralOrgsClaimSameDomainThenAllPendingClaimsCoexist() {
        DomainName d = domain("shared");
        repository().insert(pending(org("a"), d));
        repository().insert(pending(org("b"), d));
        repository().insert(pending(org("c"), d));
        assertThat(repository().find(org("b"), d)).isPresent();
        assertThat(repository().findVerified(d)).isEmpty();
    }

    @Test
    void updateWhenVerifiedThenVersionIncrementsAndFindVerifiedReturnsIt() {
        DomainClaim claim = pending(org("a"), domain("acme"));
        repository().insert(claim);
        DomainClaim stored = repository().update(claim.verified(T0.plusSeconds(60)));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.isVerified()).isTrue();
        assertThat(stored.verifiedAt()).contains(T0.plusSeconds(60));
        assertThat(repository().find(claim.orgId(), claim.domain())).contains(stored);
        assertThat(repository().findVerified(claim.domain())).contains(stored);
    }

    @Test
    void updateWhenNewChallengeThenStoredWithNextVersion() {
        DomainClaim claim = pending(org("a"), domain("acme"));
        repository().insert(claim);
        DomainClaim renewed = repository().update(claim.withChallenge("partnerid-domain-verification=new",
                T0.plusSeconds(7_200)));
        assertThat(renewed.challenge()).isEqualTo("partnerid-domain-verification=new");
        assertThat(renewed.challengeExpiresAt()).isEqualTo(T0.plusSeconds(7_200));
        assertThat(renewed.createdAt()).isEqualTo(T0);
        assertThat(repository().find(claim.orgId(), claim.domain())).contains(renewed);
    }

    @Test
    void updateWhenVersionStaleThenConflict() {
        DomainClaim claim = pending(org("a"), domain("acme"));
        repository().insert(claim);
        repository().update(claim.withChallenge("partnerid-domain-verification=x", T0.plusSeconds(10)));
        assertCode(() -> repository().update(claim.verified(T0)), StoreErrors.CONFLICT);
        assertThat(repository().findVerified(claim.domain())).isEmpty();
    }

    @Test
    void updateWhenClaimMissingThenMissing() {
        assertCode(() -> repository().update(pending(org("a"), domain("nothing"))), StoreErrors.MISSING);
    }

    @Test
    void updateWhenSecondOrgVerifiesADomainVerifiedByTheFirstThenDuplicate() {
        DomainName d = domain("contested");
        DomainClaim first = pending(org("a"), d);
        DomainClaim second = pending(org("b"), d);
        repository().insert(first);
        repository().insert(second);
        DomainClaim winner = repository().update(first.verified(T0));

        assertCode(() -> repository().update(second.verified(T0)), StoreErrors.DUPLICATE);
        assertThat(repository().findVerified(d)).contains(winner);
        assertThat(repository().find(org("b"), d)).contains(second);
    }

    @Test
    void insertWhenVerifiedClaimCollidesWithAnotherVerifiedOwnerThenDuplicate() {
        DomainName d = domain("contested");
        repository().insert(pending(org("a"), d).verified(T0));
        assertCode(() -> repository().insert(pending(org("b"), d).verified(T0)), StoreErrors.DUPLICATE);
        assertThat(repository().find(org("b"), d)).isEmpty();
        assertThat(repository().findVerified(d).map(DomainClaim::orgId)).contains(org("a"));
    }

    @Test
    void updateWhenOwnerUpdatesItsVerifiedClaimAgainThenAllowed() {
        DomainClaim claim = pending(org("a"), domain("acme"));
        repository().insert(claim);
        DomainClaim verified = repository().update(claim.verified(T0));
        DomainClaim again = repository().update(verified.verified(T0.plusSeconds(5)));
        assertThat(again.version()).isEqualTo(2);
    }

    @Test
    void findVerifiedWhenOnlyPendingClaimsThenEmpty() {
        DomainName d = domain("pending-only");
        repository().insert(pending(org("a"), d));
        assertThat(repository().findVerified(d)).isEmpty();
    }

    @Test
    void updateWhenVerifiedClaimLapsesToPendingThenNoLongerVerifiedAndAnotherOrgCanVerify() {
        DomainName d = domain("lapsed");
        DomainClaim first = pending(org("a"), d);
        DomainClaim second = pending(org("b"), d);
        repository().insert(first);
        repository().insert(second);
        DomainClaim verified = repository().update(first.verified(T0));

        DomainClaim lapsed = repository().update(verified.withChallenge("partnerid-domain-verification=again",
                T0.plusSeconds(7_200)));

        assertThat(lapsed.isVerified()).isFalse();
        assertThat(lapsed.verifiedAt()).isEmpty();
        assertThat(lapsed.version()).isEqualTo(2);
        assertThat(repository().find(org("a"), d)).contains(lapsed);
        assertThat(repository().findVerified(d)).isEmpty();
        DomainClaim now = repository().update(second.verified(T0.plusSeconds(1)));
        assertThat(repository().findVerified(d)).contains(now);
    }

    @Test
    void deleteWhenVerifiedClaimReleasedThenAnotherOrgCanVerify() {
        DomainName d = domain("moved");
        DomainClaim first = pending(org("a"), d);
        DomainClaim second = pending(org("b"), d);
        repository().insert(first);
        repository().insert(second);
        repository().update(first.verified(T0));

        assertThat(repository().delete(org("a"), d)).isTrue();
        assertThat(repository().delete(org("a"), d)).isFalse();
        assertThat(repository().find(org("a"), d)).isEmpty();
        assertThat(repository().findVerified(d)).isEmpty();

        DomainClaim now = repository().update(second.verified(T0.plusSeconds(1)));
        assertThat(repository().findVerified(d)).contains(now);
    }

    @Test
    void deleteWhenPendingClaimOfAnotherOrgThenVerifiedOwnerUnaffected() {
        DomainName d = domain("kept");
        repository().insert(pending(org("a"), d).verified(T0));
        repository().insert(pending(org("b"), d));
        assertThat(repository().delete(org("b"), d)).isTrue();
        assertThat(repository().findVerified(d).map(DomainClaim::orgId)).contains(org("a"));
    }

    @Test
    void findByOrgWhenPagedThenOrderedByDomainWithLastDomainAsCursor() {
        OrgId owner = org("lister");
        List<DomainName> names = new ArrayList<>();
        for (String n : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            DomainName d = domain(n);
            names.add(d);
            repository().insert(pending(owner, d));
        }
        repository().insert(pending(org("someone-else"), domain("alpha")));
        names.sort(null);

        Page<DomainClaim> first = repository().findByOrg(owner, PageRequest.first(2));
        assertThat(first.items()).extracting(DomainClaim::domain).containsExactlyElementsOf(names.subList(0, 2));
        assertThat(first.next()).contains(names.get(1).value());
        List<DomainClaim> all = Page.all(p -> repository().findByOrg(owner, p), 2);
        assertThat(all).extracting(DomainClaim::domain).containsExactlyElementsOf(names);
        assertThat(all).allSatisfy(c -> assertThat(c.orgId()).isEqualTo(owner));

        Page<DomainClaim> exact = repository().findByOrg(owner, PageRequest.first(5));
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.next()).isEmpty();
        assertThat(repository().findByOrg(org("nobody"), PageRequest.first(5)).items()).isEmpty();
    }

    @Test
    void updateWhenManyOrgsVerifyTheSameDomainConcurrentlyThenExactlyOneWins() throws Exception {
        DomainName d = domain("race");
        int contenders = 8;
        List<DomainClaim> claims = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            DomainClaim c = pending(org("racer" + i), d);
            repository().insert(c);
            claims.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (DomainClaim c : claims) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        repository().update(c.verified(T0));
                        return true;
                    } catch (IdentityException e) {
                        assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE);
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : outcomes) {
                winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository().findVerified(d)).isPresent();
    }
}
