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
 * {@link AuditChainVerifier} detects any edit, deletion, insertion or reordering made behind its back. The SDK ships
 * {@link InMemoryAuditLog} (for tests and local development) and a JDBC implementation; both pass
 * {@code AuditLogContract} from {@code identity-testkit}, which pins every rule below.
 *
 * <p>Called by the {@link AuditPublisher} implementations ({@link AsyncAuditPublisher} off the request path), and
 * read by the verifier and audit viewers. Entries are audit data, not secrets: stored in clear, never hashed or
 * encrypted beyond the chain itself.
 */
public interface AuditLog {

    /** The previous hash of a tenant's first record: 64 zeros. */
    String GENESIS_HASH = "0".repeat(64);

    /**
     * Appends an entry to its tenant's chain, assigning the next sequence number (1 for the first record, no gaps)
     * and computing {@link AuditChain#hash} over the previous record's hash ({@link #GENESIS_HASH} for the first)
     * and the {@linkplain AuditEntry#normalized() normalized} entry, which is what is stored.
     *
     * @return the stored record, equal to what {@link #read} later returns for it
     */
    AuditRecord append(AuditEntry entry);

    /**
     * A tenant's records in sequence order. The cursor of a page is the decimal sequence number of its last record
     * and is present only when more records follow; any sequence number may be given as cursor ({@code "0"} reads
     * from the start, one past the head gives an empty last page); an empty chain is an empty last page.
     *
     * @throws IllegalArgumentException when the cursor is not a non-negative decimal number
     */
    Page<AuditRecord> read(OrgId tenant, PageRequest page);

    /** The newest record of a tenant; empty when its chain is empty. */
    Optional<AuditRecord> head(OrgId tenant);
}
