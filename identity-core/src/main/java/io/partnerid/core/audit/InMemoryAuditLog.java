package io.partnerid.core.audit;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link AuditLog} held in memory, for tests and local development; it is lost when the process ends.
 *
 * <p>Thread-safe: each tenant's chain has its own monitor, so appends are atomic per tenant and appends to different
 * tenants do not contend. Entries are stored {@linkplain AuditEntry#normalized() normalized} (millisecond
 * timestamps), exactly as durable logs store them, so that a chain verifies the same whichever log holds it.
 */
public final class InMemoryAuditLog implements AuditLog {

    private final ConcurrentMap<OrgId, Chain> chains = new ConcurrentHashMap<>();

    @Override
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        AuditEntry stored = entry.normalized();
        Chain chain = chains.computeIfAbsent(stored.tenant(), t -> new Chain());
        synchronized (chain) {
            long sequence = chain.records.size() + 1L;
            String previous = chain.records.isEmpty() ? GENESIS_HASH
                    : chain.records.get(chain.records.size() - 1).hash();
            AuditRecord record = new AuditRecord(stored.tenant(), sequence, stored, previous,
                    AuditChain.hash(previous, sequence, stored));
            chain.records.add(record);
            return record;
        }
    }

    @Override
    public Page<AuditRecord> read(OrgId tenant, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(page, "page");
        long after = page.after().map(InMemoryAuditLog::parseCursor).orElse(0L);
        Chain chain = chains.get(tenant);
        if (chain == null) {
            return Page.empty();
        }
        synchronized (chain) {
            // sequence n lives at index n - 1
            int from = (int) Math.min(after, chain.records.size());
            int to = (int) Math.min((long) from + page.limit() + 1, chain.records.size());
            List<AuditRecord> candidates = new ArrayList<>(chain.records.subList(from, to));
            return Page.of(candidates, page.limit(), r -> Long.toString(r.sequence()));
        }
    }

    @Override
    public Optional<AuditRecord> head(OrgId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Chain chain = chains.get(tenant);
        if (chain == null) {
            return Optional.empty();
        }
        synchronized (chain) {
            return chain.records.isEmpty() ? Optional.empty()
                    : Optional.of(chain.records.get(chain.records.size() - 1));
        }
    }

    /** Parses a read cursor: the decimal sequence number of the last record of the previous page. */
    static long parseCursor(String cursor) {
        long after;
        try {
            after = Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("audit cursor must be a sequence number");
        }
        if (after < 0) {
            throw new IllegalArgumentException("audit cursor must not be negative");
        }
        return after;
    }

    /** One tenant's records; guarded by its own monitor. */
    private static final class Chain {
        private final List<AuditRecord> records = new ArrayList<>();
    }
}
