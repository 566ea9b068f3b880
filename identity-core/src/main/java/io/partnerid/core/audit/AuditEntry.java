package io.partnerid.core.audit;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The flat, storable form of an {@link AuditEvent}: what the {@link AuditLog} stores and what its hash chain
 * covers.
 *
 * <p>Immutable and thread-safe. Details are kept sorted by key so that the canonical form used for hashing is
 * independent of insertion order.
 *
 * @param type the event type
 * @param occurredAt when it happened (stored with millisecond precision by durable logs; see {@link #normalized})
 * @param tenant the tenant whose chain the entry joins
 * @param org the organization concerned, if any
 * @param actor the actor as {@code type:id}
 * @param details the event's fields
 */
public record AuditEntry(String type, Instant occurredAt, OrgId tenant, Optional<OrgId> org, String actor,
                         SortedMap<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
        for (Map.Entry<String, String> e : details.entrySet()) {
            Objects.requireNonNull(e.getValue(), "detail " + e.getKey());
        }
    }

    /** The same entry with its timestamp truncated to milliseconds, the precision every log stores. */
    public AuditEntry normalized() {
        return new AuditEntry(type, Instant.ofEpochMilli(occurredAt.toEpochMilli()), tenant, org, actor, details);
    }
}
