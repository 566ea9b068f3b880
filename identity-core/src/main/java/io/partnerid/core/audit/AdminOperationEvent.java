package io.partnerid.core.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An administrative operation was performed or refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the organization operated on
 * @param actor who acted
 * @param operation the operation, for example {@code user.create}
 * @param target the id of what was operated on
 * @param outcome whether it was performed
 * @param reasonCode for a refusal, the error code
 * @param result for a performed operation whose outcome is more than "done", what it came to (a domain
 *     verification: {@code verified}, {@code pending.not_found_in_dns}, ...); ids and codes only, never secrets
 */
public record AdminOperationEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor,
                                  String operation, String target, Outcome outcome, Optional<String> reasonCode,
                                  Optional<String> result)
        implements AuditEvent {

    /** Whether the operation was performed. */
    public enum Outcome { PERFORMED, REFUSED }

    public AdminOperationEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(result, "result");
    }

    /** An operation without a result of its own. */
    public AdminOperationEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor, String operation,
                               String target, Outcome outcome, Optional<String> reasonCode) {
        this(occurredAt, tenant, org, actor, operation, target, outcome, reasonCode, Optional.empty());
    }

    @Override
    public String type() {
        return "admin.operation";
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("operation", operation);
        d.put("target", target);
        d.put("outcome", outcome.name());
        reasonCode.ifPresent(r -> d.put("reason", r));
        result.ifPresent(r -> d.put("result", r));
        return d;
    }
}
