package io.partnerid.core.audit;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A head of a tenant's audit chain remembered <em>outside</em> the log (a WORM bucket, a ticket, a signed e-mail,
 * another database), so that a later verification can detect what the chain alone cannot: records cut from the
 * tail, or the whole chain rewritten and re-hashed after that point.
 *
 * <p>Immutable and thread-safe. Records appended after the anchor was taken are fine; the anchored record must
 * still be there with the same hash.
 *
 * @param tenant the tenant whose chain was anchored
 * @param sequence the sequence number of the anchored head, 0 for an empty chain
 * @param hash the hash of that record, {@link AuditLog#GENESIS_HASH} for an empty chain
 */
public record AuditAnchor(OrgId tenant, long sequence, String hash) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public AuditAnchor {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        if (!HEX_SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits");
        }
    }

    /** The anchor of a record, typically the {@link AuditLog#head} at the time the anchor is taken. */
    public static AuditAnchor of(AuditRecord record) {
        return new AuditAnchor(record.tenant(), record.sequence(), record.hash());
    }
}
