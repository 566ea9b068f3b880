package io.partnerid.core.audit;

import static io.partnerid.testkit.audit.AuditFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Page;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever single tampering is applied at whatever position, the verifier with an anchor at the head reports it. */
class AuditChainTamperingProperties {

    private static final OrgId TENANT = OrgId.of("acme");

    enum Tampering { EDIT, EDIT_AND_REHASH, DELETE, INSERT_AND_RENUMBER, SWAP_AND_REHASH, SWAP_RECORDS }

    @Property
    void anySingleTamperingIsDetectedWhenTheHeadWasAnchored(@ForAll @IntRange(min = 2, max = 25) int size,
                                                           @ForAll @IntRange(min = 0, max = 1_000) int where,
                                                           @ForAll Tampering tampering) {
        InMemoryAuditLog log = new InMemoryAuditLog();
        for (int i = 1; i <= size; i++) {
            log.append(entry(TENANT, i));
        }
        List<AuditRecord> honest = Page.all(p -> log.read(TENANT, p), 100);
        AuditAnchor anchor = AuditAnchor.of(honest.get(size - 1));
        int k = where % (tampering.name().startsWith("SWAP") || tampering == Tampering.INSERT_AND_RENUMBER
                ? size - 1 : size); // 0-based position; swaps and inserts need a successor

        List<AuditRecord> tampered = tamper(honest, k, tampering);

        ChainVerification result = AuditChainVerifier.verifyRecords(TENANT, tampered, Optional.of(anchor));
        assertThat(result).as("%s at %d of %d", tampering, k + 1, size).isInstanceOf(ChainVerification.Broken.class);
        assertThat(((ChainVerification.Broken) result).atSequence()).isBetween(1L, (long) size + 1);
    }

    private static List<AuditRecord> tamper(List<AuditRecord> honest, int k, Tampering tampering) {
        List<AuditRecord> t = new ArrayList<>(honest);
        AuditRecord r = honest.get(k);
        switch (tampering) {
            case EDIT -> t.set(k, new AuditRecord(TENANT, r.sequence(), edited(r.entry()), r.previousHash(), r.hash()));
            case EDIT_AND_REHASH -> t.set(k, rehashed(r.sequence(), edited(r.entry()), r.previousHash()));
            case DELETE -> t.remove(k);
            case INSERT_AND_RENUMBER -> {
                t = new ArrayList<>(honest.subList(0, k));
                t.add(rehashed(r.sequence(), entry(TENANT, 9_999), r.previousHash()));
                for (AuditRecord later : honest.subList(k, honest.size())) {
                    t.add(rehashed(later.sequence() + 1, later.entry(), later.previousHash()));
                }
            }
            case SWAP_AND_REHASH -> {
                AuditRecord next = honest.get(k + 1);
                t.set(k, rehashed(r.sequence(), next.entry(), r.previousHash()));
                t.set(k + 1, rehashed(next.sequence(), r.entry(), next.previousHash()));
            }
            case SWAP_RECORDS -> {
                t.set(k, honest.get(k + 1));
                t.set(k + 1, r);
            }
        }
        return t;
    }

    private static AuditRecord rehashed(long sequence, AuditEntry entry, String previousHash) {
        return new AuditRecord(TENANT, sequence, entry, previousHash, AuditChain.hash(previousHash, sequence, entry));
    }

    private static AuditEntry edited(AuditEntry e) {
        TreeMap<String, String> details = new TreeMap<>(e.details());
        details.put("target", "someone-else");
        return new AuditEntry(e.type(), e.occurredAt(), e.tenant(), e.org(), e.actor(), details);
    }
}
