package io.partnerid.core.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization's verified email domain lapsed: a re-check found its DNS challenge record gone, so the domain no
 * longer routes logins or provisioning to the organization until it is verified again.
 *
 * <p>Immutable and thread-safe. The details name the domain, never the challenge value (old or new).
 *
 * @param occurredAt when the claim lapsed
 * @param tenant the tenant (root organization) whose chain records it
 * @param org the organization that held the verified domain; always present
 * @param actor who ran the re-check (the system's re-check job)
 * @param domain the domain name, in its normalized form
 * @param reason why it lapsed
 * @param verifiedAt when the verification that lapsed had been made: the domain routed to the organization from
 *     then until {@code occurredAt}
 * @see io.partnerid.core.domain.DomainVerificationService#recheck
 */
public record DomainLapsedEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor, String domain,
                                Reason reason, Instant verifiedAt) implements AuditEvent {

    /** The event type written to the audit log. */
    public static final String TYPE = "domain.lapsed";

    /** Why a verified domain lapsed. */
    public enum Reason {
        /** No TXT record at the challenge name holds the challenge value any more. */
        RECORD_NOT_PUBLISHED
    }

    public DomainLapsedEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        if (org.isEmpty()) {
            throw new IllegalArgumentException("a domain lapse concerns an organization");
        }
        if (domain.isBlank()) {
            throw new IllegalArgumentException("domain must not be blank");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("domain", domain);
        d.put("reason", reason.name());
        d.put("verifiedAt", verifiedAt.toString());
        return d;
    }
}
