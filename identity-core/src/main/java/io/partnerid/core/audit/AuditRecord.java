package io.partnerid.core.audit;

import io.partnerid.core.org.OrgId;
import java.util.Objects;

/**
 * One link of a tenant's audit hash chain: an entry, its position and the hashes that bind it to its predecessor.
 *
 * <p>Immutable and thread-safe. {@code hash = SHA-256(previousHash || canonical(sequence, entry))}, hex-encoded;
 * the first record of a tenant has sequence 1 and {@link AuditLog#GENESIS_HASH} as its previous hash.
 *
 * @param tenant the tenant whose chain this is
 * @param sequence the 1-based position in the tenant's chain
 * @param entry the event as stored
 * @param previousHash the hash of the previous record
 * @param hash the hash of this record
 */
public record AuditRecord(OrgId tenant, long sequence, AuditEntry entry, String previousHash, String hash) {

    public AuditRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }
}
