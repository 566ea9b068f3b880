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
 * (logins, exchanges, decisions) by implementing this interface, and say through {@link #sheddable()} whether a
 * publisher under load may shed them.
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

    /**
     * Whether a publisher under load may shed this event (drop it and count it) instead of storing it.
     *
     * <p>True only for high-volume records that change no state, such as authorization decisions and token
     * verifications, which anyone able to send a request can produce in bulk. False (the default) for every
     * record of a change (admin operations, grants, role changes, suspensions, domain lapses, token issuance and
     * revocation): a publisher never drops those, and the flood of sheddable events can never displace them (see
     * {@link AsyncAuditPublisher}). Override it only for state-free events; when in doubt, keep the default.
     */
    default boolean sheddable() {
        return false;
    }

    /** The storable, hashable form of this event. */
    default AuditEntry toEntry() {
        return new AuditEntry(type(), occurredAt(), tenant(), org(), actor().toString(), new TreeMap<>(details()));
    }
}
