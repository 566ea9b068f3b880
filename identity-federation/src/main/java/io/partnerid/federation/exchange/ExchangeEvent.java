package io.partnerid.federation.exchange;

import io.partnerid.core.Actor;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token exchange request was answered: issued or refused.
 *
 * <p>Immutable and thread-safe. Carries ids and outcomes only, never tokens or secrets.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the organization whose token endpoint answered
 * @param actor the requesting client
 * @param outcome issued or refused
 * @param code the refusal code ({@code exchange.*}), or {@code exchange.issued}
 * @param subjectIssuer the subject token's issuer, when it was read
 * @param subject the subject token's {@code sub}, when it was validated
 * @param actorSubject the actor token's {@code sub}, when validated
 * @param audience the issued token's audience, space-separated, when issued
 * @param jwtId the issued token's id, when issued
 */
public record ExchangeEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor, Outcome outcome,
                            String code, Optional<String> subjectIssuer, Optional<String> subject,
                            Optional<String> actorSubject, Optional<String> audience, Optional<String> jwtId)
        implements AuditEvent {

    /** What happened. */
    public enum Outcome { ISSUED, REFUSED }

    public ExchangeEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subjectIssuer, "subjectIssuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actorSubject, "actorSubject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwtId, "jwtId");
    }

    @Override
    public String type() {
        return "token.exchange";
    }

    /**
     * A refused exchange changes nothing and anyone able to reach the token endpoint can cause refusals in bulk, so
     * a publisher under load may shed them (counted) rather than make issuances wait; an issued exchange minted a
     * token and is never shed.
     */
    @Override
    public boolean sheddable() {
        return outcome == Outcome.REFUSED;
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("outcome", outcome.name());
        d.put("code", code);
        subjectIssuer.ifPresent(v -> d.put("subjectIssuer", v));
        subject.ifPresent(v -> d.put("subject", v));
        actorSubject.ifPresent(v -> d.put("actorSubject", v));
        audience.ifPresent(v -> d.put("audience", v));
        jwtId.ifPresent(v -> d.put("jti", v));
        return d;
    }
}
