package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.domain.DomainChallenge;
import io.partnerid.core.domain.DomainName;
import io.partnerid.core.domain.DomainVerification;
import io.partnerid.core.domain.DomainVerificationService;
import io.partnerid.core.org.OrgId;
import java.util.Locale;
import java.util.Optional;

/**
 * Email domains on an actor's authority: claim, verify by DNS and release; needs
 * {@link AdminCapability#MANAGE_DOMAINS} over the organization. {@link #recheck} is the periodic job that lapses
 * domains whose record is gone. Audited like every administrative write; a
 * verification's record also says what the check came to.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#domains()}.
 *
 * <pre>{@code
 * DomainName domain = DomainName.of("northwind.example");
 * DomainChallenge challenge = core.admin().domains().claim(partnerAdmin, partner.id(), domain);
 * // publish the challenge's TXT record, then:
 * DomainVerification outcome = core.admin().domains().verify(partnerAdmin, partner.id(), domain);
 * }</pre>
 */
public final class DomainAdmin {

    private final Guard guard;
    private final DomainVerificationService domains;

    DomainAdmin(Guard guard, DomainVerificationService domains) {
        this.guard = guard;
        this.domains = domains;
    }

    /** Claims an email domain and returns the DNS challenge to publish; needs {@code MANAGE_DOMAINS}. */
    public DomainChallenge claim(Actor actor, OrgId orgId, DomainName domain) {
        return guard.perform(actor, "domain.claim", orgId, AdminCapability.MANAGE_DOMAINS, domain.value(),
                o -> domains.claim(orgId, domain));
    }

    /**
     * Checks the DNS challenge of a claimed domain; needs {@code MANAGE_DOMAINS}. The outcome is audited: the
     * {@code domain.verify} record's {@code result} says what the check came to ({@code verified},
     * {@code pending.not_found_in_dns}, {@code pending.expired}, {@code refused.no_claim},
     * {@code refused.verified_by_another_org}); a domain verified by another organization is refused without naming
     * it.
     */
    public DomainVerification verify(Actor actor, OrgId orgId, DomainName domain) {
        return guard.perform(actor, "domain.verify", orgId, AdminCapability.MANAGE_DOMAINS, domain.value(),
                o -> domains.verify(orgId, domain), DomainAdmin::verificationResult);
    }

    private static Optional<String> verificationResult(DomainVerification v) {
        String result;
        if (v instanceof DomainVerification.Verified) {
            result = "verified";
        } else if (v instanceof DomainVerification.Pending p) {
            result = "pending." + p.reason().name().toLowerCase(Locale.ROOT);
        } else if (v instanceof DomainVerification.Refused r) {
            result = "refused." + r.reason().name().toLowerCase(Locale.ROOT);
        } else {
            throw new IllegalStateException("unknown verification outcome " + v.getClass());
        }
        return Optional.of(result);
    }

    /**
     * Re-checks a verified domain's DNS record: the scheduled host job that lapses a domain whose record is gone (it
     * acts as {@link DomainVerificationService#RECHECK_ACTOR}, takes no actor, and can only take a verification
     * away). A lapse is audited as {@code domain.lapsed}; see {@link DomainVerificationService#recheck} for the
     * outcomes.
     */
    public DomainVerification recheck(OrgId orgId, DomainName domain) {
        return domains.recheck(orgId, domain);
    }

    /**
     * Releases an organization's claim on a domain, pending or verified; needs {@code MANAGE_DOMAINS}. A released
     * verified domain stops routing logins and provisioning to the organization at once and may then be verified by
     * another organization. Audited as the {@code domain.release} operation (performed, also when there was no claim
     * to release, or refused).
     *
     * @return true when there was a claim to release
     */
    public boolean release(Actor actor, OrgId orgId, DomainName domain) {
        return guard.perform(actor, "domain.release", orgId, AdminCapability.MANAGE_DOMAINS, domain.value(),
                o -> domains.release(orgId, domain));
    }
}
