package io.partnerid.core.audit;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.ChainVerification.Broken;
import io.partnerid.core.audit.ChainVerification.Intact;
import io.partnerid.core.audit.ChainVerification.Reason;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a tenant's audit hash chain and reports the first record where it breaks.
 *
 * <p>Thread-safe and stateless apart from its {@link AuditLog}. {@link #verify(OrgId)} reads the chain through the
 * SPI page by page and keeps only the previous hash and the expected sequence number, so memory stays bounded
 * however long the chain is. Each record is checked in this order: it belongs to the tenant
 * ({@link Reason#WRONG_TENANT}); its sequence number is the next one ({@link Reason#OUT_OF_ORDER} when it does not
 * increase, {@link Reason#SEQUENCE_GAP} when it skips); its hash matches its content ({@link Reason#HASH_MISMATCH});
 * it links to its predecessor ({@link Reason#PREVIOUS_HASH_MISMATCH}).
 *
 * <p><strong>What the chain alone cannot detect.</strong> The chain is a keyless hash chain: anyone with write
 * access to the storage can compute SHA-256. It therefore cannot detect (1) records cut from the <em>tail</em>,
 * since a shorter chain is still a valid chain, nor (2) a rewrite from some record to the end in which every
 * following hash is recomputed. Both are detected when the host keeps an {@link AuditAnchor} outside the log (for
 * example the head hash written daily to WORM storage) and passes it to {@link #verify(AuditAnchor)}: the chain
 * must still contain the anchored record with the anchored hash ({@link Reason#TRUNCATED},
 * {@link Reason#ANCHOR_MISMATCH}). Changes made after the newest anchor stay undetectable by design.
 *
 * <pre>{@code
 * AuditChainVerifier verifier = new AuditChainVerifier(auditLog);
 * ChainVerification result = verifier.verify(anchorStore.last(tenant));
 * if (result instanceof ChainVerification.Broken broken) {
 *     alert(broken.atSequence(), broken.reason());
 * }
 * }</pre>
 */
public final class AuditChainVerifier {

    /** The page size used to read a chain through the SPI unless another is given. */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private final AuditLog log;
    private final int pageSize;

    /** A verifier reading {@code log} in pages of {@value #DEFAULT_PAGE_SIZE}. */
    public AuditChainVerifier(AuditLog log) {
        this(log, DEFAULT_PAGE_SIZE);
    }

    /** A verifier reading {@code log} in pages of {@code pageSize} records (1 to {@link PageRequest#MAX_LIMIT}). */
    public AuditChainVerifier(AuditLog log, int pageSize) {
        this.log = Objects.requireNonNull(log, "log");
        PageRequest.first(pageSize); // validates the size
        this.pageSize = pageSize;
    }

    /** Verifies the whole chain of {@code tenant} as the log returns it. */
    public ChainVerification verify(OrgId tenant) {
        return verifyLog(Objects.requireNonNull(tenant, "tenant"), Optional.empty());
    }

    /**
     * Verifies the chain of the anchor's tenant and, in addition, that it still holds the anchored record with the
     * anchored hash (detects tail truncation and rewrites up to the anchor).
     */
    public ChainVerification verify(AuditAnchor anchor) {
        Objects.requireNonNull(anchor, "anchor");
        return verifyLog(anchor.tenant(), Optional.of(anchor));
    }

    /** Verifies a given list of records, in list order, as the chain of {@code tenant}. */
    public static ChainVerification verifyRecords(OrgId tenant, List<AuditRecord> records) {
        return verifyRecords(tenant, records, Optional.empty());
    }

    /** Verifies a given list of records, in list order, as the chain of {@code tenant}, against an optional anchor. */
    public static ChainVerification verifyRecords(OrgId tenant, List<AuditRecord> records,
                                                  Optional<AuditAnchor> anchor) {
        Objects.requireNonNull(records, "records");
        Walker walker = new Walker(Objects.requireNonNull(tenant, "tenant"), anchor);
        for (AuditRecord record : records) {
            Optional<Broken> broken = walker.accept(record);
            if (broken.isPresent()) {
                return broken.get();
            }
        }
        return walker.finish();
    }

    private ChainVerification verifyLog(OrgId tenant, Optional<AuditAnchor> anchor) {
        Walker walker = new Walker(tenant, anchor);
        Page<AuditRecord> page = log.read(tenant, PageRequest.first(pageSize));
        while (true) {
            for (AuditRecord record : page.items()) {
                Optional<Broken> broken = walker.accept(record);
                if (broken.isPresent()) {
                    return broken.get();
                }
            }
            // An empty page ends the walk even if a (faulty) log offers a cursor: no endless loop.
            if (page.next().isEmpty() || page.items().isEmpty()) {
                return walker.finish();
            }
            page = log.read(tenant, PageRequest.after(page.next().get(), pageSize));
        }
    }

    /** Walks one chain record by record; holds O(1) state. Not thread-safe; one per verification. */
    private static final class Walker {
        private final OrgId tenant;
        private final Optional<AuditAnchor> anchor;
        private long expected = 1;
        private String previousHash = AuditLog.GENESIS_HASH;

        Walker(OrgId tenant, Optional<AuditAnchor> anchor) {
            this.tenant = tenant;
            this.anchor = Objects.requireNonNull(anchor, "anchor");
            anchor.ifPresent(a -> {
                if (!a.tenant().equals(tenant)) {
                    throw new IllegalArgumentException("the anchor belongs to another tenant");
                }
            });
        }

        Optional<Broken> accept(AuditRecord record) {
            Objects.requireNonNull(record, "record");
            if (!record.tenant().equals(tenant) || !record.entry().tenant().equals(tenant)) {
                return broken(Reason.WRONG_TENANT, "record " + record.sequence() + " belongs to tenant "
                        + record.entry().tenant());
            }
            if (record.sequence() < expected) {
                return broken(Reason.OUT_OF_ORDER, "expected sequence " + expected + " but found "
                        + record.sequence() + " again or out of order");
            }
            if (record.sequence() > expected) {
                return broken(Reason.SEQUENCE_GAP, "expected sequence " + expected + " but found "
                        + record.sequence() + ": record " + expected + " is missing or out of place");
            }
            String recomputed = AuditChain.hash(record.previousHash(), record.sequence(), record.entry());
            if (!recomputed.equals(record.hash())) {
                return broken(Reason.HASH_MISMATCH, "stored hash " + record.hash() + " does not match content hash "
                        + recomputed);
            }
            if (!record.previousHash().equals(previousHash)) {
                return broken(Reason.PREVIOUS_HASH_MISMATCH, "previous hash " + record.previousHash()
                        + " does not match the hash of record " + (expected - 1) + " " + previousHash);
            }
            if (anchor.isPresent() && anchor.get().sequence() == expected
                    && !anchor.get().hash().equals(record.hash())) {
                return broken(Reason.ANCHOR_MISMATCH, "record " + expected + " has hash " + record.hash()
                        + " but the anchor holds " + anchor.get().hash());
            }
            previousHash = record.hash();
            expected++;
            return Optional.empty();
        }

        ChainVerification finish() {
            long records = expected - 1;
            if (anchor.isPresent()) {
                AuditAnchor a = anchor.get();
                if (a.sequence() > records) {
                    return new Broken(tenant, expected, Reason.TRUNCATED, "the chain ends at sequence " + records
                            + " but the anchor holds sequence " + a.sequence());
                }
                if (a.sequence() == 0 && !a.hash().equals(AuditLog.GENESIS_HASH)) {
                    return new Broken(tenant, 0, Reason.ANCHOR_MISMATCH, "an empty-chain anchor must hold the "
                            + "genesis hash");
                }
            }
            return new Intact(tenant, records, previousHash);
        }

        private Optional<Broken> broken(Reason reason, String detail) {
            return Optional.of(new Broken(tenant, expected, reason, detail));
        }
    }
}
