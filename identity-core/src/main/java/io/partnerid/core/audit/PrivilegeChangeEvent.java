package io.partnerid.core.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal gained or lost a privilege: a role assignment or an admin grant.
 *
 * <p>Immutable and thread-safe.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the organization where the privilege applies
 * @param actor who changed it
 * @param subject the principal whose privileges changed ({@code user:…})
 * @param change granted or revoked
 * @param privilege what changed, for example {@code role:<id>} or {@code admin:MANAGE_USERS}
 * @param validUntil the end of a time-bound privilege, if any
 */
public record PrivilegeChangeEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor,
                                   String subject, Change change, String privilege, Optional<Instant> validUntil)
        implements AuditEvent {

    /** The direction of the change. */
    public enum Change { GRANTED, REVOKED }

    public PrivilegeChangeEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    @Override
    public String type() {
        return "privilege.change";
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("subject", subject);
        d.put("change", change.name());
        d.put("privilege", privilege);
        validUntil.ifPresent(v -> d.put("validUntil", v.toString()));
        return d;
    }
}
