package io.partnerid.core.audit;

import io.partnerid.core.org.OrgId;
import java.util.Objects;

/**
 * The outcome of verifying a tenant's audit chain: {@link Intact} or {@link Broken} at the first bad record.
 *
 * <p>Immutable and thread-safe.
 *
 * @see AuditChainVerifier
 */
public sealed interface ChainVerification {

    /** The tenant whose chain was verified. */
    OrgId tenant();

    /** True for {@link Intact}. */
    default boolean isIntact() {
        return this instanceof Intact;
    }

    /**
     * Every record links to its predecessor, carries its own correct hash and the expected sequence number.
     *
     * @param tenant the tenant
     * @param records how many records were verified (0 for an empty chain)
     * @param headHash the hash of the last record, {@link AuditLog#GENESIS_HASH} for an empty chain; keep it
     *     outside the log (an {@link AuditAnchor}) to detect a later truncation
     */
    record Intact(OrgId tenant, long records, String headHash) implements ChainVerification {
        public Intact {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(headHash, "headHash");
            if (records < 0) {
                throw new IllegalArgumentException("records must not be negative");
            }
        }
    }

    /**
     * The chain is broken; verification stopped at the first bad record.
     *
     * @param tenant the tenant
     * @param atSequence the sequence number at which the chain broke: the expected position of the first bad record
     * @param reason what is wrong there
     * @param detail operator detail (sequence numbers and hashes only, never event content)
     */
    record Broken(OrgId tenant, long atSequence, Reason reason, String detail) implements ChainVerification {
        public Broken {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a chain is broken, in the order the verifier checks each record. */
    enum Reason {
        /** The record names another tenant than the chain being verified (a record moved between chains). */
        WRONG_TENANT,
        /**
         * The record's sequence number is not greater than its predecessor's: records were reordered or duplicated.
         */
        OUT_OF_ORDER,
        /**
         * The record's sequence number skips the expected one: a record was deleted (or a later record moved
         * before it).
         */
        SEQUENCE_GAP,
        /** The record's stored hash does not match its content: the record was edited. */
        HASH_MISMATCH,
        /**
         * The record is self-consistent but does not link to its predecessor: a record was inserted or replaced, or
         * entries were reordered and re-hashed, or the predecessor was edited and re-hashed.
         */
        PREVIOUS_HASH_MISMATCH,
        /** The chain ends before the sequence of the external anchor: records were cut from the tail. */
        TRUNCATED,
        /**
         * The record at the anchored sequence has another hash than the anchor: the chain was rewritten from that
         * point or earlier.
         */
        ANCHOR_MISMATCH
    }
}
