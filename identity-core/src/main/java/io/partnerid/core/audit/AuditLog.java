package io.partnerid.core.audit;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * The durable audit log: one append-only, hash-chained sequence of records per tenant.
 *
 * <p>Implementations must be thread-safe; {@link #append} must be atomic per tenant, so that concurrent appenders
 * (threads or nodes) never fork or break the chain. Records are never updated or deleted through this SPI; the
 * verifier detects any edit, deletion, insertion or reordering made behind its back.
 */
public interface AuditLog {

    /** The previous hash of a tenant's first record: 64 zeros. */
    String GENESIS_HASH = "0".repeat(64);

    /**
     * Appends an entry to its tenant's chain, assigning the next sequence number and computing the hash.
     *
     * @return the stored record
     */
    AuditRecord append(AuditEntry entry);

    /** A tenant's records in sequence order; the cursor is the last sequence number. */
    Page<AuditRecord> read(OrgId tenant, PageRequest page);

    /** The newest record of a tenant; empty when its chain is empty. */
    Optional<AuditRecord> head(OrgId tenant);
}
