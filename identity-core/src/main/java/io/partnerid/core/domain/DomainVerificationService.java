package io.partnerid.core.domain;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.DomainLapsedEvent;
import io.partnerid.core.domain.DomainVerification.Pending;
import io.partnerid.core.domain.DomainVerification.PendingReason;
import io.partnerid.core.domain.DomainVerification.RefusalReason;
import io.partnerid.core.domain.DomainVerification.Refused;
import io.partnerid.core.domain.DomainVerification.Verified;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verified email domains: an organization claims a domain, publishes the DNS TXT challenge it receives, and asks
 * for verification; the SDK routes and provisions by verified domains only.
 *
 * <p>Thread-safe. This is the <em>unchecked</em> domain service: it enforces the rules of domains (one verified
 * owner per domain, challenges expire, suspended organizations cannot claim or verify) but knows no acting
 * principal; administrators reach it through the delegated-administration façade, which checks their grants and
 * audits. What happens without an administrator is audited here: a lapse found by {@link #recheck} is published
 * as a {@link DomainLapsedEvent} to the audit publisher the builder requires. A verified domain is matched
 * exactly: verifying {@code example.com} says nothing about {@code eu.example.com}, which must be claimed
 * separately.
 *
 * <pre>{@code
 * DomainVerificationService domains = DomainVerificationService
 *         .builder(new InMemoryDomainClaimRepository(), JndiDnsTxtResolver.builder().build(), orgs, audit, runtime)
 *         .challengeTtl(Duration.ofDays(3))
 *         .build();
 * DomainChallenge challenge = domains.claim(acme, DomainName.of("acme.example"));
 * // the partner publishes: challenge.recordName() TXT challenge.recordValue()
 * if (domains.verify(acme, DomainName.of("acme.example")) instanceof DomainVerification.Verified) { ... }
 * domains.verifiedOwner(DomainName.ofEmailAddress("alice@acme.example")); // Optional[acme]
 * }</pre>
 */
public final class DomainVerificationService {

    /** The label prefixed to the domain to form the challenge record's name. */
    public static final String RECORD_PREFIX = "_partnerid-challenge.";

    /** The prefix of the challenge record's value. */
    public static final String VALUE_PREFIX = "partnerid-domain-verification=";

    /** How long a challenge is valid unless configured otherwise. */
    public static final Duration DEFAULT_CHALLENGE_TTL = Duration.ofDays(7);

    /** The actor of the audit events of {@link #recheck}: the host's periodic re-check job. */
    public static final Actor RECHECK_ACTOR = Actor.system("domain-recheck");

    /** Random bytes in a challenge: 256 bits. */
    private static final int CHALLENGE_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(DomainVerificationService.class);

    private final DomainClaimRepository claims;
    private final DnsTxtResolver dns;
    private final OrganizationService organizations;
    private final AuditPublisher audit;
    private final IdentityRuntime runtime;
    private final Duration challengeTtl;

    private DomainVerificationService(Builder builder) {
        this.claims = builder.claims;
        this.dns = builder.dns;
        this.organizations = builder.organizations;
        this.audit = builder.audit;
        this.runtime = builder.runtime;
        this.challengeTtl = builder.challengeTtl;
    }

    /**
     * Starts a builder with the required collaborators.
     *
     * @param audit receives the {@link DomainLapsedEvent} of every lapse; it must not block (see
     *     {@link AuditPublisher}). {@link io.partnerid.core.IdentityCore} passes its own publisher. A standalone
     *     service that deliberately records no audit passes {@link AuditPublisher#discarding()}: lapses then still
     *     happen and are logged at INFO, but leave no trace in any audit chain
     */
    public static Builder builder(DomainClaimRepository claims, DnsTxtResolver dns, OrganizationService organizations,
                                  AuditPublisher audit, IdentityRuntime runtime) {
        return new Builder(claims, dns, organizations, audit, runtime);
    }

    /** The name of the TXT record that proves control of {@code domain}. */
    public static String recordName(DomainName domain) {
        return RECORD_PREFIX + domain.value();
    }

    /**
     * Claims {@code domain} for {@code orgId} and returns the challenge to publish. Idempotent while the challenge
     * is valid (the same challenge is returned); an expired pending claim gets a new challenge; a verified claim
     * returns the challenge that verified it. Another organization's claim, pending or verified, does not stop a
     * claim: verification then decides.
     *
     * @throws IdentityException {@code org.not_found} when the organization does not exist, {@code org.suspended}
     *     when it is suspended
     */
    public DomainChallenge claim(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        requireActive(orgId);
        for (int attempt = 0; ; attempt++) {
            Instant now = runtime.now();
            Optional<DomainClaim> existing = claims.find(orgId, domain);
            try {
                if (existing.isEmpty()) {
                    DomainClaim claim = new DomainClaim(orgId, domain, DomainClaim.Status.PENDING, newChallenge(),
                            now, Optional.empty(), now.plus(challengeTtl), 0);
                    claims.insert(claim);
                    return challengeOf(claim);
                }
                DomainClaim claim = existing.get();
                if (claim.isVerified() || now.isBefore(claim.challengeExpiresAt())) {
                    return challengeOf(claim);
                }
                return challengeOf(claims.update(claim.withChallenge(newChallenge(), now.plus(challengeTtl))));
            } catch (IdentityException e) {
                boolean raced = e.code().equals(StoreErrors.DUPLICATE) || e.code().equals(StoreErrors.CONFLICT)
                        || e.code().equals(StoreErrors.MISSING);
                if (!raced || attempt >= 2) {
                    throw e;
                }
                // a concurrent claim, renewal or release of the same claim: read again
            }
        }
    }

    /**
     * Checks DNS for the organization's challenge and verifies the claim when the record is found.
     *
     * @return {@link Verified} (now or earlier), {@link Pending} ({@code NOT_FOUND_IN_DNS}, {@code EXPIRED}) or
     *     {@link Refused} ({@code NO_CLAIM}, {@code VERIFIED_BY_ANOTHER_ORG})
     * @throws IdentityException {@code org.not_found}, {@code org.suspended}, or {@code domain.dns_unavailable}
     *     when the DNS lookup failed (the claim stays pending)
     */
    public DomainVerification verify(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        requireActive(orgId);
        Optional<DomainClaim> found = claims.find(orgId, domain);
        if (found.isEmpty()) {
            return new Refused(domain, RefusalReason.NO_CLAIM);
        }
        DomainClaim claim = found.get();
        if (claim.isVerified()) {
            return new Verified(claim);
        }
        if (claims.findVerified(domain).isPresent()) {
            LOG.debug("verification of {} by {} refused: verified by another organization", domain, orgId);
            return new Refused(domain, RefusalReason.VERIFIED_BY_ANOTHER_ORG);
        }
        Instant now = runtime.now();
        if (!now.isBefore(claim.challengeExpiresAt())) {
            return new Pending(domain, PendingReason.EXPIRED, claim.challengeExpiresAt());
        }
        List<String> records = dns.txtRecords(recordName(domain));
        boolean published = records.stream().anyMatch(r -> r.strip().equals(claim.challenge()));
        if (!published) {
            LOG.debug("verification of {} by {}: challenge not found among {} TXT records", domain, orgId,
                    records.size());
            return new Pending(domain, PendingReason.NOT_FOUND_IN_DNS, claim.challengeExpiresAt());
        }
        try {
            DomainClaim verified = claims.update(claim.verified(now));
            LOG.debug("domain {} verified by {}", domain, orgId);
            return new Verified(verified);
        } catch (IdentityException e) {
            if (e.code().equals(StoreErrors.DUPLICATE)) {
                // another organization verified the same domain a moment earlier; the repository kept it unique
                return new Refused(domain, RefusalReason.VERIFIED_BY_ANOTHER_ORG);
            }
            if (e.code().equals(StoreErrors.CONFLICT) || e.code().equals(StoreErrors.MISSING)) {
                Optional<DomainClaim> current = claims.find(orgId, domain);
                if (current.isEmpty()) {
                    return new Refused(domain, RefusalReason.NO_CLAIM);
                }
                if (current.get().isVerified()) {
                    return new Verified(current.get());
                }
                return new Pending(domain, PendingReason.NOT_FOUND_IN_DNS, current.get().challengeExpiresAt());
            }
            throw e;
        }
    }

    /**
     * Checks that a verified domain's challenge record is still published. When it is gone, the claim lapses: it is
     * pending again with a new challenge, so the domain stops routing to the organization (and stops provisioning
     * into it) until the organization publishes the new challenge and verifies again. A domain that changed hands
     * thus stops vouching for the previous owner's users. Hosts call this periodically for every verified domain
     * (the claims of an organization are listed by {@link #domains}); it does not require the organization to be
     * active, since it can only take a verification away.
     *
     * <p>A lapse is audited: exactly one {@link DomainLapsedEvent} ({@code domain.lapsed}) per lapse, published
     * after the claim is stored as pending, in the chain of the organization's tenant (its root organization), with
     * {@link #RECHECK_ACTOR} as the actor. Its details name the domain, never the challenge. A re-check that finds
     * the record, finds no claim, finds a claim that is not verified, or loses a race with a concurrent re-check or
     * release of the same claim publishes nothing.
     *
     * @return {@link Verified} when the record is still published; {@link Pending} with
     *     {@link PendingReason#LAPSED} when the claim just lapsed; for a claim that was not verified, {@link Pending}
     *     as it stands ({@code EXPIRED} or {@code NOT_FOUND_IN_DNS}; this method never verifies, see
     *     {@link #verify}); {@link Refused} with {@code NO_CLAIM} when the organization has no claim
     * @throws IdentityException {@code domain.dns_unavailable} when the DNS lookup failed: the claim stays verified
     *     (a DNS outage must not un-verify every domain), so callers retry later
     */
    public DomainVerification recheck(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        for (int attempt = 0; ; attempt++) {
            Optional<DomainClaim> found = claims.find(orgId, domain);
            if (found.isEmpty()) {
                return new Refused(domain, RefusalReason.NO_CLAIM);
            }
            DomainClaim claim = found.get();
            Instant now = runtime.now();
            if (!claim.isVerified()) {
                return new Pending(domain, now.isBefore(claim.challengeExpiresAt()) ? PendingReason.NOT_FOUND_IN_DNS
                        : PendingReason.EXPIRED, claim.challengeExpiresAt());
            }
            List<String> records = dns.txtRecords(recordName(domain));
            if (records.stream().anyMatch(r -> r.strip().equals(claim.challenge()))) {
                return new Verified(claim);
            }
            try {
                DomainClaim lapsed = claims.update(claim.withChallenge(newChallenge(), now.plus(challengeTtl)));
                LOG.info("domain {} of organization {} lapsed: its challenge record is no longer published", domain,
                        orgId);
                auditLapse(claim, now);
                return new Pending(domain, PendingReason.LAPSED, lapsed.challengeExpiresAt());
            } catch (IdentityException e) {
                boolean raced = e.code().equals(StoreErrors.CONFLICT) || e.code().equals(StoreErrors.MISSING);
                if (!raced || attempt >= 2) {
                    throw e;
                }
                // released or changed meanwhile: read again
            }
        }
    }

    /**
     * The <em>active</em> organization that has <em>verified</em> {@code domain}, for routing and provisioning.
     * Pending claims are never returned, and neither is a suspended owner: a suspended organization's domains stop
     * routing (home-realm discovery, just-in-time provisioning) from the instant of the suspension, and route again
     * when it is resumed, without a new verification.
     */
    public Optional<OrgId> verifiedOwner(DomainName domain) {
        return claims.findVerified(Objects.requireNonNull(domain, "domain")).map(DomainClaim::orgId)
                .filter(owner -> organizations.find(owner).filter(Organization::isActive).isPresent());
    }

    /**
     * Releases the organization's claim (pending or verified) on {@code domain}; a released verified domain no
     * longer routes and may be verified by another organization. Not audited here, like {@link #claim} and
     * {@link #verify}: administrators release through
     * {@link io.partnerid.core.admin.DomainAdmin#release}, which checks and audits it.
     *
     * @return true when there was a claim to release
     */
    public boolean release(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        return claims.delete(orgId, domain);
    }

    /** The organization's claims in any status, ordered by domain name. */
    public Page<DomainClaim> domains(OrgId orgId, PageRequest page) {
        return claims.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    private void auditLapse(DomainClaim previouslyVerified, Instant at) {
        OrgId orgId = previouslyVerified.orgId();
        Optional<Organization> org = organizations.find(orgId);
        if (org.isEmpty()) {
            // no organization, no tenant chain to record it in; the lapse itself stands (it only takes routing away)
            LOG.warn("domain {} lapsed for unknown organization {}; the lapse is not audited",
                    previouslyVerified.domain(), orgId);
            return;
        }
        audit.publish(new DomainLapsedEvent(at, org.get().tenant(), Optional.of(orgId), RECHECK_ACTOR,
                previouslyVerified.domain().value(), DomainLapsedEvent.Reason.RECORD_NOT_PUBLISHED,
                previouslyVerified.verifiedAt().orElseThrow()));
    }

    private void requireActive(OrgId orgId) {
        Organization org = organizations.require(orgId);
        if (!org.isActive()) {
            throw OrgErrors.suspended(orgId);
        }
    }

    private String newChallenge() {
        return VALUE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(
                runtime.randomBytes(CHALLENGE_BYTES));
    }

    private static DomainChallenge challengeOf(DomainClaim claim) {
        return new DomainChallenge(claim.orgId(), claim.domain(), recordName(claim.domain()), claim.challenge(),
                claim.challengeExpiresAt(), claim.isVerified());
    }

    /**
     * Builds a {@link DomainVerificationService}.
     *
     * <p>Not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final DomainClaimRepository claims;
        private final DnsTxtResolver dns;
        private final OrganizationService organizations;
        private final AuditPublisher audit;
        private final IdentityRuntime runtime;
        private Duration challengeTtl = DEFAULT_CHALLENGE_TTL;

        private Builder(DomainClaimRepository claims, DnsTxtResolver dns, OrganizationService organizations,
                        AuditPublisher audit, IdentityRuntime runtime) {
            this.claims = Objects.requireNonNull(claims, "claims");
            this.dns = Objects.requireNonNull(dns, "dns");
            this.organizations = Objects.requireNonNull(organizations, "organizations");
            this.audit = Objects.requireNonNull(audit, "audit");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /** How long a challenge may be used to verify; 1 minute to 90 days, 7 days by default. */
        public Builder challengeTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(90)) > 0) {
                throw new IllegalArgumentException("challengeTtl must be 1 minute to 90 days");
            }
            this.challengeTtl = ttl;
            return this;
        }

        /** Builds the service. */
        public DomainVerificationService build() {
            return new DomainVerificationService(this);
        }
    }
}
