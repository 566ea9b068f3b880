package io.partnerid.core.audit;

import static io.partnerid.testkit.audit.AuditFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.ChainVerification.Broken;
import io.partnerid.core.audit.ChainVerification.Intact;
import io.partnerid.core.audit.ChainVerification.Reason;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTests {

    private static final OrgId TENANT = OrgId.of("acme");
    private static final OrgId OTHER = OrgId.of("globex");

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    /** Ten honest records of {@link #TENANT}, read back from the in-memory log. */
    private List<AuditRecord> chain(OrgId tenant, int size) {
        for (int i = 1; i <= size; i++) {
            log.append(entry(tenant, i));
        }
        return Page.all(p -> log.read(tenant, p), 100);
    }

    /** Verifies through the SPI, two records per page, so that tampering across page boundaries is covered. */
    private static ChainVerification verifyStored(List<AuditRecord> stored) {
        return new AuditChainVerifier(new ListAuditLog(stored), 2).verify(TENANT);
    }

    private static AuditRecord rehashed(AuditRecord r, long sequence, AuditEntry entry, String previousHash) {
        return new AuditRecord(r.tenant(), sequence, entry, previousHash,
                AuditChain.hash(previousHash, sequence, entry));
    }

    private static AuditEntry edited(AuditEntry e) {
        TreeMap<String, String> details = new TreeMap<>(e.details());
        details.put("operation", "user.delete");
        return new AuditEntry(e.type(), e.occurredAt(), e.tenant(), e.org(), e.actor(), details);
    }

    @Test
    void verifyWhenChainUntouchedThenIntactWithCountAndHeadHash() {
        List<AuditRecord> records = chain(TENANT, 10);
        Intact expected = new Intact(TENANT, 10, records.get(9).hash());
        assertThat(new AuditChainVerifier(log).verify(TENANT)).isEqualTo(expected);
        assertThat(new AuditChainVerifier(log, 1).verify(TENANT)).isEqualTo(expected);
        assertThat(verifyStored(records)).isEqualTo(expected);
        assertThat(AuditChainVerifier.verifyRecords(TENANT, records)).isEqualTo(expected);
    }

    @Test
    void verifyWhenChainEmptyThenIntactAtGenesis() {
        assertThat(new AuditChainVerifier(log).verify(TENANT))
                .isEqualTo(new Intact(TENANT, 0, AuditLog.GENESIS_HASH));
    }

    @Test
    void verifyDetectsAnEditedEvent() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditRecord original = stored.get(4);
        stored.set(4, new AuditRecord(TENANT, 5, edited(original.entry()), original.previousHash(),
                original.hash()));

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(5);
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
        });
    }

    @Test
    void verifyDetectsAnEditedEventWhoseHashWasRecomputed() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditRecord original = stored.get(4);
        stored.set(4, rehashed(original, 5, edited(original.entry()), original.previousHash()));

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(6);
            assertThat(b.reason()).isEqualTo(Reason.PREVIOUS_HASH_MISMATCH);
        });
    }

    @Test
    void verifyDetectsADeletedEvent() {
        List<AuditRecord> stored = chain(TENANT, 10);
        stored.remove(3); // sequence 4

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(4);
            assertThat(b.reason()).isEqualTo(Reason.SEQUENCE_GAP);
        });
    }

    @Test
    void verifyDetectsAnInsertedEventEvenWhenLaterRecordsAreRenumberedAndRehashed() {
        List<AuditRecord> stored = chain(TENANT, 10);
        // The forger knows the algorithm: the forged record is a perfect successor of record 6 ...
        AuditRecord forged = rehashed(stored.get(5), 7, entry(TENANT, 999), stored.get(5).hash());
        List<AuditRecord> tampered = new ArrayList<>(stored.subList(0, 6));
        tampered.add(forged);
        // ... and every later record is renumbered and made self-consistent again, keeping its link field.
        for (AuditRecord r : stored.subList(6, 10)) {
            tampered.add(rehashed(r, r.sequence() + 1, r.entry(), r.previousHash()));
        }

        assertThat(verifyStored(tampered)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(8);
            assertThat(b.reason()).isEqualTo(Reason.PREVIOUS_HASH_MISMATCH);
        });
    }

    @Test
    void verifyDetectsAnInsertedEventThatDuplicatesASequenceNumber() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditRecord forged = rehashed(stored.get(5), 7, entry(TENANT, 999), stored.get(5).hash());
        stored.add(6, forged); // the original record 7 now follows the forged one

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(8);
            assertThat(b.reason()).isEqualTo(Reason.OUT_OF_ORDER);
        });
    }

    @Test
    void verifyDetectsAReorderedEventWhoseRecordsWereRehashed() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditRecord r3 = stored.get(2);
        AuditRecord r4 = stored.get(3);
        // entries 3 and 4 swap places; each record keeps its sequence and link field and gets a matching hash
        stored.set(2, rehashed(r3, 3, r4.entry(), r3.previousHash()));
        stored.set(3, rehashed(r4, 4, r3.entry(), r4.previousHash()));

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(4);
            assertThat(b.reason()).isEqualTo(Reason.PREVIOUS_HASH_MISMATCH);
        });
    }

    @Test
    void verifyDetectsReorderedRecordsAsTheyWereStored() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditRecord r3 = stored.get(2);
        stored.set(2, stored.get(3));
        stored.set(3, r3);

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.SEQUENCE_GAP);
        });
        assertThat(AuditChainVerifier.verifyRecords(TENANT, stored)).isEqualTo(verifyStored(stored));
    }

    @Test
    void verifyDetectsARecordMovedInFromAnotherTenant() {
        List<AuditRecord> stored = chain(TENANT, 5);
        AuditRecord foreign = chain(OTHER, 5).get(2);
        stored.set(2, new AuditRecord(TENANT, 3, foreign.entry(), foreign.previousHash(), foreign.hash()));

        assertThat(verifyStored(stored)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.atSequence()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.WRONG_TENANT);
        });
    }

    @Test
    void verifyWhenTailTruncatedWithoutAnchorThenUndetectableByDesign() {
        List<AuditRecord> stored = chain(TENANT, 10);
        List<AuditRecord> truncated = new ArrayList<>(stored.subList(0, 7));
        // Documented limitation: a shorter chain is still a valid chain.
        assertThat(verifyStored(truncated)).isEqualTo(new Intact(TENANT, 7, stored.get(6).hash()));
    }

    @Test
    void verifyWithAnchorDetectsATruncatedTail() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditAnchor anchor = AuditAnchor.of(stored.get(9));
        List<AuditRecord> truncated = new ArrayList<>(stored.subList(0, 7));

        assertThat(new AuditChainVerifier(new ListAuditLog(truncated), 2).verify(anchor))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.atSequence()).isEqualTo(8);
                    assertThat(b.reason()).isEqualTo(Reason.TRUNCATED);
                });
    }

    @Test
    void verifyWithAnchorDetectsARewrittenAndFullyRehashedTail() {
        List<AuditRecord> stored = chain(TENANT, 10);
        AuditAnchor anchor = AuditAnchor.of(stored.get(7));
        List<AuditRecord> rewritten = new ArrayList<>(stored.subList(0, 5));
        String previous = stored.get(4).hash();
        for (AuditRecord r : stored.subList(5, 10)) {
            AuditRecord forged = rehashed(r, r.sequence(), edited(r.entry()), previous);
            rewritten.add(forged);
            previous = forged.hash();
        }
        // Without the anchor the rewrite is a perfectly valid chain ...
        assertThat(verifyStored(rewritten).isIntact()).isTrue();
        // ... with it, the anchored record no longer matches.
        assertThat(new AuditChainVerifier(new ListAuditLog(rewritten), 2).verify(anchor))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.atSequence()).isEqualTo(8);
                    assertThat(b.reason()).isEqualTo(Reason.ANCHOR_MISMATCH);
                });
    }

    @Test
    void verifyWithAnchorWhenRecordsWereAppendedSinceThenIntact() {
        chain(TENANT, 4);
        AuditAnchor anchor = AuditAnchor.of(log.head(TENANT).orElseThrow());
        log.append(entry(TENANT, 5));
        log.append(entry(TENANT, 6));
        assertThat(new AuditChainVerifier(log).verify(anchor))
                .isEqualTo(new Intact(TENANT, 6, log.head(TENANT).orElseThrow().hash()));
        assertThat(new AuditChainVerifier(log).verify(new AuditAnchor(TENANT, 0, AuditLog.GENESIS_HASH)).isIntact())
                .isTrue();
    }

    @Test
    void verifyWithAnchorOfAnotherTenantThenIllegalArgument() {
        chain(TENANT, 2);
        AuditAnchor foreign = AuditAnchor.of(chain(OTHER, 2).get(1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditChainVerifier.verifyRecords(TENANT, List.of(), Optional.of(foreign)));
    }

    @Test
    void verifyWhenTwoTenantsThenChainsAreIndependent() {
        List<AuditRecord> a = new ArrayList<>();
        List<AuditRecord> b = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            a.add(log.append(entry(TENANT, i)));
            b.add(log.append(entry(OTHER, i)));
        }
        assertThat(a.get(0).previousHash()).isEqualTo(AuditLog.GENESIS_HASH);
        assertThat(b.get(0).previousHash()).isEqualTo(AuditLog.GENESIS_HASH);
        assertThat(b).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        List<AuditRecord> both = new ArrayList<>(a);
        both.addAll(b);
        both.remove(2); // delete from TENANT's chain only
        ListAuditLog tampered = new ListAuditLog(both);
        assertThat(new AuditChainVerifier(tampered, 2).verify(TENANT).isIntact()).isFalse();
        assertThat(new AuditChainVerifier(tampered, 2).verify(OTHER))
                .isEqualTo(new Intact(OTHER, 6, b.get(5).hash()));
    }

    @Test
    void verifyWhenLogReturnsEmptyPageWithCursorThenStopsInsteadOfLooping() {
        chain(TENANT, 3);
        AuditLog faulty = new AuditLog() {
            @Override
            public AuditRecord append(AuditEntry entry) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Page<AuditRecord> read(OrgId tenant, PageRequest page) {
                List<AuditRecord> items = page.after().isEmpty()
                        ? log.read(tenant, PageRequest.first(100)).items() : List.of();
                return new Page<>(items, Optional.of("3"));
            }

            @Override
            public Optional<AuditRecord> head(OrgId tenant) {
                return log.head(tenant);
            }
        };
        assertThat(new AuditChainVerifier(faulty).verify(TENANT).isIntact()).isTrue();
    }
}
