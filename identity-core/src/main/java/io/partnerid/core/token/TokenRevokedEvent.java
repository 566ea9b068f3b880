package io.partnerid.core.token;

import io.partnerid.core.Actor;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Access tokens were revoked, one by id or many by the kill switch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the organization concerned
 * @param actor who revoked
 * @param count how many tokens
 * @param reason why (a short code, such as {@code revoked} or {@code org.suspended})
 */
public record TokenRevokedEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor, long count,
                                String reason) implements AuditEvent {

    public TokenRevokedEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String type() {
        return "token.revoked";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("count", Long.toString(count), "reason", reason);
    }
}
