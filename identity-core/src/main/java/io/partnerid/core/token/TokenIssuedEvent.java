package io.partnerid.core.token;

import io.partnerid.core.Actor;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token was issued.
 *
 * <p>Immutable and thread-safe. Carries ids only, never the token.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the token's organization
 * @param actor the client the token was issued to
 * @param jwtId the token id
 * @param subject the token's subject
 * @param audience the audience, space-separated
 * @param expiresAt when it expires
 * @param delegated whether it carries an {@code act} chain
 */
public record TokenIssuedEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor, String jwtId,
                               String subject, String audience, Instant expiresAt, boolean delegated)
        implements AuditEvent {

    public TokenIssuedEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String type() {
        return "token.issued";
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("jti", jwtId);
        d.put("subject", subject);
        d.put("audience", audience);
        d.put("expiresAt", expiresAt.toString());
        d.put("delegated", Boolean.toString(delegated));
        return d;
    }
}
