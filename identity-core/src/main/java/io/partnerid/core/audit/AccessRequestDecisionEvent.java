package io.partnerid.core.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An access request was approved, denied or expired.
 *
 * <p>Immutable and thread-safe.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the organization the role belongs to
 * @param actor who decided (the system for an expiry)
 * @param requestId the request
 * @param requester the user who asked ({@code user:…})
 * @param roleId the role asked for
 * @param decision the decision
 */
public record AccessRequestDecisionEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor,
                                         String requestId, String requester, String roleId, Decision decision)
        implements AuditEvent {

    /** The decision taken. */
    public enum Decision { APPROVED, DENIED, EXPIRED }

    public AccessRequestDecisionEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(decision, "decision");
    }

    @Override
    public String type() {
        return "access_request.decision";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("request", requestId, "requester", requester, "role", roleId, "decision", decision.name());
    }
}
