package io.partnerid.core.audit;

import io.partnerid.core.IdentityException;
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
 * independent of insertion order. Every text (type, actor, detail keys and values) must be well-formed UTF-16: an
 * unpaired surrogate has no UTF-8 encoding, and encoding it leniently (as {@code ?}) would let two different entries
 * hash alike, so it is refused here, where text enters the chain.
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
        requireWellFormed(type, "type");
        requireWellFormed(actor, "actor");
        for (Map.Entry<String, String> e : details.entrySet()) {
            Objects.requireNonNull(e.getValue(), "detail " + e.getKey());
            requireWellFormed(e.getKey(), "a detail key");
            requireWellFormed(e.getValue(), "a detail value");
        }
    }

    /**
     * Refuses text with an unpaired surrogate (R8): what an entry would refuse, for producers that check outside text
     * before they act on it (token issuance checks the subject and audiences before it signs).
     *
     * @param text the text
     * @param field what it is, for the message (never its content)
     * @throws IdentityException {@link AuditErrors#INVALID_TEXT}; the message names the field, never its content
     */
    public static void requireWellFormed(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IdentityException(AuditErrors.INVALID_TEXT, "The event cannot be recorded.",
                        "audit entry " + field + " holds an unpaired surrogate at index " + i);
            }
        }
    }

    /** The same entry with its timestamp truncated to milliseconds, the precision every log stores. */
    public AuditEntry normalized() {
        return new AuditEntry(type, Instant.ofEpochMilli(occurredAt.toEpochMilli()), tenant, org, actor, details);
    }
}
