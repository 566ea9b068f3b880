package io.partnerid.core.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A typed audit event: something security-relevant that happened, who did it, in which tenant.
 *
 * <p>Implementations are immutable records and thread-safe. Audit events are not log lines: they go through an
 * {@link AuditPublisher} and into the hash-chained {@link AuditLog}. {@link #details()} must never contain
 * secrets, tokens, assertions or codes, only ids and outcomes. Other modules add their own event records
 * (logins, exchanges, decisions) by implementing this interface.
 */
public interface AuditEvent {

    /** The namespaced event type, for example {@code admin.operation}. */
    String type();

    /** When it happened, from the injected clock. */
    Instant occurredAt();

    /** The tenant (root organization) whose audit chain records the event. */
    OrgId tenant();

    /** The organization the event concerns, if narrower than the tenant. */
    Optional<OrgId> org();

    /** Who acted. */
    Actor actor();

    /** The event's own fields as flat strings, for storage and hashing; no secrets. */
    Map<String, String> details();

    /** The storable, hashable form of this event. */
    default AuditEntry toEntry() {
        return new AuditEntry(type(), occurredAt(), tenant(), org(), actor().toString(), new TreeMap<>(details()));
    }
}
