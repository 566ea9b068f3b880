package io.partnerid.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.audit.DomainLapsedEvent;
import io.partnerid.core.domain.DomainVerification.Pending;
import io.partnerid.core.domain.DomainVerification.PendingReason;
import io.partnerid.core.domain.DomainVerification.RefusalReason;
import io.partnerid.core.domain.DomainVerification.Refused;
import io.partnerid.core.domain.DomainVerification.Verified;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DomainVerificationServiceTests {

    private static final Duration TTL = Duration.ofDays(1);
    private static final DomainName ACME_DOMAIN = DomainName.of("acme.example");

    private final MutableClock clock = MutableClock.standard();
    private final IdentityRuntime runtime = TestRuntimes.on(clock);
    private final InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
    private final OrganizationService orgs = new OrganizationService(orgRepository, runtime);
    private final InMemoryDnsTxtResolver dns = new InMemoryDnsTxtResolver();
    private final InMemoryDomainClaimRepository claims = new InMemoryDomainClaimRepository();
    private final List<AuditEvent> published = new CopyOnWriteArrayList<>();
    private final AuditPublisher audit = published::add;
    private final DomainVerificationService domains = service(dns);

    private final Organization acme = orgs.createRoot(new NewOrganization("Acme Capital"));
    private final Organization globex = orgs.createRoot(new NewOrganization("Globex"));

    private DomainVerificationService service(DnsTxtResolver resolver) {
        return DomainVerificationService.builder(claims, resolver, orgs, audit, runtime).challengeTtl(TTL).build();
    }

    private void publish(DomainChallenge challenge) {
        dns.put(challenge.recordName(), "v=spf1 -all", challenge.recordValue());
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void claimThenChallengeNamesTheRecordAndCarries256RandomBits() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);

        assertThat(challenge.recordName()).isEqualTo("_partnerid-challenge.acme.example");
        assertThat(challenge.recordValue()).startsWith("partnerid-domain-verification=");
        String token = challenge.recordValue().substring("partnerid-domain-verification=".length());
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(challenge.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        assertThat(challenge.alreadyVerified()).isFalse();
        assertThat(domains.claim(globex.id(), ACME_DOMAIN).recordValue()).isNotEqualTo(challenge.recordValue());
    }

    @Test
    void claimWhenRepeatedBeforeExpiryThenSameChallenge() {
        DomainChallenge first = domains.claim(acme.id(), ACME_DOMAIN);
        clock.advance(Duration.ofHours(1));
        assertThat(domains.claim(acme.id(), ACME_DOMAIN)).isEqualTo(first);
    }

    @Test
    void claimWhenPendingChallengeExpiredThenNewChallenge() {
        DomainChallenge first = domains.claim(acme.id(), ACME_DOMAIN);
        clock.advance(TTL);
        DomainChallenge second = domains.claim(acme.id(), ACME_DOMAIN);
        assertThat(second.recordValue()).isNotEqualTo(first.recordValue());
        assertThat(second.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    void verifyWhenChallengePublishedThenVerifiedAndTheDomainRoutesToTheOrg() {
        publish(domains.claim(acme.id(), ACME_DOMAIN));
        clock.advance(Duration.ofMinutes(5));

        DomainVerification result = domains.verify(acme.id(), ACME_DOMAIN);

        assertThat(result).isInstanceOfSatisfying(Verified.class, v -> {
            assertThat(v.claim().orgId()).isEqualTo(acme.id());
            assertThat(v.claim().verifiedAt()).contains(clock.instant());
        });
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(acme.id());
        assertThat(domains.verifiedOwner(DomainName.ofEmailAddress("alice@ACME.example"))).contains(acme.id());
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);
        assertThat(domains.claim(acme.id(), ACME_DOMAIN).alreadyVerified()).isTrue();
    }

    @Test
    void verifiedOwnerWhenOwnerSuspendedThenNoRouteUntilResumed() {
        publish(domains.claim(acme.id(), ACME_DOMAIN));
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);

        orgRepository.suspendSubtree(acme.path(), acme.id());
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();

        orgRepository.resumeSubtree(acme.path(), acme.id());
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(acme.id());
    }

    @Test
    void aPendingClaimNeverRoutes() {
        DomainChallenge acmeChallenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(acmeChallenge); // published but not yet verified
        domains.claim(globex.id(), ACME_DOMAIN);

        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();
        clock.advance(TTL.plusDays(1));
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();
    }

    @Test
    void verifyWhenNoRecordPublishedThenPendingNotFoundInDns() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        assertThat(domains.verify(acme.id(), ACME_DOMAIN))
                .isEqualTo(new Pending(ACME_DOMAIN, PendingReason.NOT_FOUND_IN_DNS, challenge.expiresAt()));
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();
    }

    @Test
    void verifyWhenAnotherOrgsChallengeIsPublishedThenPending() {
        publish(domains.claim(globex.id(), ACME_DOMAIN)); // the DNS holds Globex's value only
        domains.claim(acme.id(), ACME_DOMAIN);

        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOfSatisfying(Pending.class,
                p -> assertThat(p.reason()).isEqualTo(PendingReason.NOT_FOUND_IN_DNS));
    }

    @Test
    void verifyWhenRecordPublishedAtAnotherNameThenPending() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        dns.put("acme.example", challenge.recordValue());
        dns.put("_partnerid-challenge.other.example", challenge.recordValue());
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(Pending.class);
    }

    @Test
    void secondOrgCannotVerifyADomainVerifiedByTheFirst() {
        DomainChallenge acmeChallenge = domains.claim(acme.id(), ACME_DOMAIN);
        DomainChallenge globexChallenge = domains.claim(globex.id(), ACME_DOMAIN);
        dns.put(acmeChallenge.recordName(), acmeChallenge.recordValue(), globexChallenge.recordValue());
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);

        DomainVerification second = domains.verify(globex.id(), ACME_DOMAIN);

        assertThat(second).isEqualTo(new Refused(ACME_DOMAIN, RefusalReason.VERIFIED_BY_ANOTHER_ORG));
        assertThat(second.clientDescription()).doesNotContain(acme.id().value(), acme.name());
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(acme.id());
        assertThat(claims.find(globex.id(), ACME_DOMAIN).orElseThrow().isVerified()).isFalse();
    }

    @Test
    void verifyWhenTwoOrgsVerifyAtTheSameMomentThenExactlyOneWins() throws Exception {
        DomainChallenge a = domains.claim(acme.id(), ACME_DOMAIN);
        DomainChallenge b = domains.claim(globex.id(), ACME_DOMAIN);
        CyclicBarrier bothLookedUp = new CyclicBarrier(2);
        DnsTxtResolver slowDns = name -> {
            try {
                bothLookedUp.await(30, TimeUnit.SECONDS); // both pass the "already verified?" check first
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return List.of(a.recordValue(), b.recordValue());
        };
        DomainVerificationService racing = service(slowDns);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DomainVerification> forAcme = pool.submit(() -> racing.verify(acme.id(), ACME_DOMAIN));
            Future<DomainVerification> forGlobex = pool.submit(() -> racing.verify(globex.id(), ACME_DOMAIN));
            List<DomainVerification> results = List.of(forAcme.get(30, TimeUnit.SECONDS),
                    forGlobex.get(30, TimeUnit.SECONDS));
            assertThat(results).filteredOn(r -> r instanceof Verified).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof Refused).singleElement()
                    .isEqualTo(new Refused(ACME_DOMAIN, RefusalReason.VERIFIED_BY_ANOTHER_ORG));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyWhenChallengeExpiredThenPendingExpiredEvenIfPublished() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        clock.advance(TTL);

        assertThat(domains.verify(acme.id(), ACME_DOMAIN))
                .isEqualTo(new Pending(ACME_DOMAIN, PendingReason.EXPIRED, challenge.expiresAt()));
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();

        publish(domains.claim(acme.id(), ACME_DOMAIN)); // a new claim issues a new challenge
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);
    }

    @Test
    void verifyWhenOneSecondBeforeExpiryThenVerified() {
        publish(domains.claim(acme.id(), ACME_DOMAIN));
        clock.advance(TTL.minusSeconds(1));
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);
    }

    @Test
    void verifyWhenNoClaimThenRefusedNoClaim() {
        assertThat(domains.verify(acme.id(), ACME_DOMAIN))
                .isEqualTo(new Refused(ACME_DOMAIN, RefusalReason.NO_CLAIM));
    }

    @Test
    void verifyWhenDnsUnavailableThenTypedErrorAndClaimStaysPending() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        dns.failOn(challenge.recordName());
        assertCode(() -> domains.verify(acme.id(), ACME_DOMAIN), DomainErrors.DNS_UNAVAILABLE);
        assertThat(claims.find(acme.id(), ACME_DOMAIN).orElseThrow().isVerified()).isFalse();
    }

    @Test
    void recheckWhenChallengeStillPublishedThenStillVerified() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        clock.advance(Duration.ofDays(30));

        assertThat(domains.recheck(acme.id(), ACME_DOMAIN)).isInstanceOf(DomainVerification.Verified.class);
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(acme.id());
    }

    @Test
    void recheckWhenChallengeRecordRemovedThenClaimLapsesAndDomainStopsRouting() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        dns.remove(challenge.recordName()); // the domain changed hands, or the record was cleaned up
        clock.advance(Duration.ofDays(30));

        DomainVerification result = domains.recheck(acme.id(), ACME_DOMAIN);

        assertThat(result).isEqualTo(new DomainVerification.Pending(ACME_DOMAIN,
                DomainVerification.PendingReason.LAPSED, clock.instant().plus(TTL)));
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();
        DomainClaim lapsed = claims.find(acme.id(), ACME_DOMAIN).orElseThrow();
        assertThat(lapsed.isVerified()).isFalse();
        assertThat(lapsed.verifiedAt()).isEmpty();
        assertThat(lapsed.challenge()).isNotEqualTo(challenge.recordValue()); // the old value proves nothing now
        // publishing the old value again does not restore it; the new challenge does
        publish(challenge);
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(DomainVerification.Pending.class);
        DomainChallenge renewed = domains.claim(acme.id(), ACME_DOMAIN);
        assertThat(renewed.recordValue()).isEqualTo(lapsed.challenge());
        dns.put(renewed.recordName(), renewed.recordValue());
        assertThat(domains.verify(acme.id(), ACME_DOMAIN)).isInstanceOf(DomainVerification.Verified.class);
    }

    @Test
    void recheckWhenLapsedThenAnotherOrganizationMayVerifyTheDomain() {
        DomainChallenge acmeChallenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(acmeChallenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        DomainChallenge globexChallenge = domains.claim(globex.id(), ACME_DOMAIN);
        dns.remove(acmeChallenge.recordName()).put(globexChallenge.recordName(), globexChallenge.recordValue());
        assertThat(domains.verify(globex.id(), ACME_DOMAIN)).isInstanceOf(DomainVerification.Refused.class);

        domains.recheck(acme.id(), ACME_DOMAIN);

        assertThat(domains.verify(globex.id(), ACME_DOMAIN)).isInstanceOf(DomainVerification.Verified.class);
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(globex.id());
    }

    @Test
    void recheckWhenDnsUnavailableThenTypedErrorAndClaimStaysVerified() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        dns.failOn(challenge.recordName());

        assertCode(() -> domains.recheck(acme.id(), ACME_DOMAIN), DomainErrors.DNS_UNAVAILABLE);
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(acme.id());
        assertThat(published).isEmpty();
    }

    @Test
    void recheckWhenPendingOrNoClaimThenNothingChanges() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge); // published but not verified: recheck never verifies

        assertThat(domains.recheck(acme.id(), ACME_DOMAIN)).isEqualTo(new DomainVerification.Pending(ACME_DOMAIN,
                DomainVerification.PendingReason.NOT_FOUND_IN_DNS, challenge.expiresAt()));
        assertThat(claims.find(acme.id(), ACME_DOMAIN).orElseThrow().isVerified()).isFalse();
        assertThat(domains.recheck(globex.id(), ACME_DOMAIN)).isEqualTo(new DomainVerification.Refused(ACME_DOMAIN,
                DomainVerification.RefusalReason.NO_CLAIM));
        assertThat(published).isEmpty();
    }

    @Test
    void recheckWhenChallengeRecordRemovedThenPublishesOneLapsedEventWithoutTheChallenge() {
        Organization desk = orgs.createChild(acme.id(), new NewOrganization("Equities"));
        DomainChallenge challenge = domains.claim(desk.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(desk.id(), ACME_DOMAIN);
        Instant verifiedAt = clock.instant();
        dns.remove(challenge.recordName());
        clock.advance(Duration.ofDays(30));

        domains.recheck(desk.id(), ACME_DOMAIN);

        String newChallenge = claims.find(desk.id(), ACME_DOMAIN).orElseThrow().challenge();
        assertThat(published).singleElement().isInstanceOfSatisfying(DomainLapsedEvent.class, e -> {
            assertThat(e.type()).isEqualTo("domain.lapsed");
            assertThat(e.occurredAt()).isEqualTo(clock.instant());
            assertThat(e.tenant()).isEqualTo(acme.id()); // the root organization's chain, not the child's
            assertThat(e.org()).contains(desk.id());
            assertThat(e.actor()).isEqualTo(Actor.system("domain-recheck"));
            assertThat(e.details()).isEqualTo(Map.of("domain", "acme.example", "reason", "RECORD_NOT_PUBLISHED",
                    "verifiedAt", verifiedAt.toString()));
            // neither the lapsed challenge nor the new one (nor their random part) reaches the audit trail
            String stored = e.toEntry().toString();
            for (String value : List.of(challenge.recordValue(), newChallenge)) {
                assertThat(stored).doesNotContain(value)
                        .doesNotContain(value.substring(DomainVerificationService.VALUE_PREFIX.length()));
            }
        });
    }

    @Test
    void recheckWhenChallengeStillPublishedThenPublishesNothing() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        clock.advance(Duration.ofDays(30));

        assertThat(domains.recheck(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);
        assertThat(domains.recheck(acme.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);

        assertThat(published).isEmpty();
    }

    @Test
    void recheckWhenRepeatedAfterALapseThenPublishesNothingMore() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        dns.remove(challenge.recordName());
        domains.recheck(acme.id(), ACME_DOMAIN);

        assertThat(domains.recheck(acme.id(), ACME_DOMAIN)).isInstanceOfSatisfying(Pending.class,
                p -> assertThat(p.reason()).isEqualTo(PendingReason.NOT_FOUND_IN_DNS));

        assertThat(published).hasSize(1);
    }

    @Test
    void recheckWhenTwoRechecksFindTheRecordGoneAtOnceThenExactlyOneLapsedEvent() throws Exception {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        domains.verify(acme.id(), ACME_DOMAIN);
        CyclicBarrier bothLookedUp = new CyclicBarrier(2);
        DnsTxtResolver emptyAfterBoth = name -> {
            try {
                bothLookedUp.await(30, TimeUnit.SECONDS); // both see the verified claim before either lapses it
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return List.of();
        };
        DomainVerificationService racing = service(emptyAfterBoth);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DomainVerification> first = pool.submit(() -> racing.recheck(acme.id(), ACME_DOMAIN));
            Future<DomainVerification> second = pool.submit(() -> racing.recheck(acme.id(), ACME_DOMAIN));
            List<DomainVerification> results = List.of(first.get(30, TimeUnit.SECONDS),
                    second.get(30, TimeUnit.SECONDS));
            assertThat(results).filteredOn(r -> r instanceof Pending p && p.reason() == PendingReason.LAPSED)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(published).singleElement().isInstanceOf(DomainLapsedEvent.class);
    }

    @Test
    void recheckWhenOrganizationUnknownThenLapsesWithoutAnAuditEvent() {
        Instant now = clock.instant();
        claims.insert(new DomainClaim(OrgId.of("gone"), ACME_DOMAIN, DomainClaim.Status.VERIFIED,
                DomainVerificationService.VALUE_PREFIX + "old", now, Optional.of(now), now.plus(TTL), 0));

        assertThat(domains.recheck(OrgId.of("gone"), ACME_DOMAIN)).isInstanceOfSatisfying(Pending.class,
                p -> assertThat(p.reason()).isEqualTo(PendingReason.LAPSED));

        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty(); // losing the audit never keeps the routing
        assertThat(published).isEmpty();
    }

    @Test
    void recheckWhenBuiltByIdentityCoreThenTheLapseIsInTheTenantsAuditChain() {
        CoreFixtures.TestCore test = CoreFixtures.inMemory(clock);
        IdentityCore core = test.core();
        Organization root = core.unchecked().organizations().createRoot(new NewOrganization("Northwind Capital"));
        Organization desk = core.unchecked().organizations().createChild(root.id(), new NewOrganization("Equities"));
        DomainChallenge challenge = core.unchecked().domains().claim(desk.id(), ACME_DOMAIN);
        test.dns().put(challenge.recordName(), challenge.recordValue());
        core.unchecked().domains().verify(desk.id(), ACME_DOMAIN);
        test.dns().remove(challenge.recordName());
        clock.advance(Duration.ofDays(1));

        core.unchecked().domains().recheck(desk.id(), ACME_DOMAIN);

        List<AuditRecord> records = Page.all(p -> core.unchecked().stores().auditLog().read(root.id(), p), 50);
        assertThat(records).filteredOn(r -> r.entry().type().equals("domain.lapsed")).singleElement()
                .satisfies(r -> {
                    assertThat(r.entry().org()).contains(desk.id());
                    assertThat(r.entry().actor()).isEqualTo("system:domain-recheck");
                    assertThat(r.entry().occurredAt()).isEqualTo(clock.instant());
                    assertThat(r.entry().details()).containsEntry("domain", "acme.example")
                            .containsEntry("reason", "RECORD_NOT_PUBLISHED");
                });
        assertThat(core.auditVerifier().verify(root.id())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void builderWhenAuditPublisherMissingThenRejected() {
        assertThatThrownBy(() -> DomainVerificationService.builder(claims, dns, orgs, null, runtime))
                .isInstanceOf(NullPointerException.class).hasMessage("audit");
    }

    @Test
    void claimAndVerifyWhenOrgSuspendedThenOrgSuspended() {
        DomainChallenge challenge = domains.claim(acme.id(), ACME_DOMAIN);
        publish(challenge);
        orgRepository.suspendSubtree(acme.path(), acme.id());

        assertCode(() -> domains.claim(acme.id(), DomainName.of("other.example")), OrgErrors.SUSPENDED);
        assertCode(() -> domains.verify(acme.id(), ACME_DOMAIN), OrgErrors.SUSPENDED);
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();
    }

    @Test
    void claimWhenChildOfSuspendedOrgThenOrgSuspended() {
        Organization desk = orgs.createChild(acme.id(), new NewOrganization("Equities"));
        orgRepository.suspendSubtree(acme.path(), acme.id());
        assertCode(() -> domains.claim(desk.id(), DomainName.of("equities.example")), OrgErrors.SUSPENDED);
    }

    @Test
    void claimWhenOrgUnknownThenNotFound() {
        assertCode(() -> domains.claim(OrgId.of("nobody"), ACME_DOMAIN), OrgErrors.NOT_FOUND);
    }

    @Test
    void releaseWhenVerifiedThenStopsRoutingAndAnotherOrgCanVerify() {
        publish(domains.claim(acme.id(), ACME_DOMAIN));
        domains.verify(acme.id(), ACME_DOMAIN);
        DomainChallenge globexChallenge = domains.claim(globex.id(), ACME_DOMAIN);

        assertThat(domains.release(acme.id(), ACME_DOMAIN)).isTrue();
        assertThat(domains.release(acme.id(), ACME_DOMAIN)).isFalse();
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).isEmpty();

        publish(globexChallenge);
        assertThat(domains.verify(globex.id(), ACME_DOMAIN)).isInstanceOf(Verified.class);
        assertThat(domains.verifiedOwner(ACME_DOMAIN)).contains(globex.id());
    }

    @Test
    void domainsThenListsTheOrgsClaimsInEveryStatus() {
        publish(domains.claim(acme.id(), DomainName.of("b.example")));
        domains.verify(acme.id(), DomainName.of("b.example"));
        domains.claim(acme.id(), DomainName.of("a.example"));
        domains.claim(globex.id(), DomainName.of("c.example"));

        List<DomainClaim> listed = new ArrayList<>(domains.domains(acme.id(), PageRequest.first(10)).items());
        assertThat(listed).extracting(c -> c.domain().value()).containsExactly("a.example", "b.example");
        assertThat(listed).extracting(DomainClaim::status)
                .containsExactly(DomainClaim.Status.PENDING, DomainClaim.Status.VERIFIED);
    }
}
