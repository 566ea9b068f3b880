package io.partnerid.testkit.audit;

import static io.partnerid.testkit.audit.AuditFixtures.entry;
import static io.partnerid.testkit.audit.AuditFixtures.uniqueTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.AuditChain;
import io.partnerid.core.audit.AuditChainVerifier;
import io.partnerid.core.audit.AuditEntry;
import io.partnerid.core.audit.AuditLog;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AuditLog} implementation must pass; implementations extend it and provide the log.
 *
 * <p>Each test uses fresh tenant ids, so one log instance (and one database) may serve every test without cleaning.
 * The pinned semantics: sequences start at 1 and have no gaps; the first record's previous hash is
 * {@link AuditLog#GENESIS_HASH}; the hash is {@link AuditChain#hash} of the <em>normalized</em> entry (millisecond
 * timestamp); entries round-trip exactly (details, optional org, unicode); {@code read} returns records in sequence
 * order, the cursor of a page is the decimal sequence number of its last record, a page has a next cursor only when
 * more records exist, a cursor past the head gives an empty last page and a malformed or negative cursor is an
 * {@link IllegalArgumentException}; {@code head} is the newest record; tenants' chains are independent; concurrent
 * appenders never fork or break a chain.
 */
public abstract class AuditLogContract {

    /** The log under test; may be the same instance for every test. */
    protected abstract AuditLog auditLog();

    @Test
    void appendWhenFirstEntryThenSequenceOneChainedToGenesis() {
        OrgId tenant = uniqueTenant("t");
        AuditRecord first = auditLog().append(entry(tenant, 1));
        assertThat(first.tenant()).isEqualTo(tenant);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditLog.GENESIS_HASH);
        assertThat(first.hash()).isEqualTo(AuditChain.hash(AuditLog.GENESIS_HASH, 1, entry(tenant, 1)));
    }

    @Test
    void appendWhenSecondEntryThenNextSequenceLinkedToPreviousHash() {
        OrgId tenant = uniqueTenant("t");
        AuditRecord first = auditLog().append(entry(tenant, 1));
        AuditRecord second = auditLog().append(entry(tenant, 2));
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(AuditChain.hash(first.hash(), 2, entry(tenant, 2)));
        assertThat(second.hash()).isNotEqualTo(first.hash());
    }

    @Test
    void appendWhenTimestampHasNanosThenStoredAndHashedAtMillisecondPrecision() {
        OrgId tenant = uniqueTenant("t");
        AuditEntry precise = new AuditEntry("admin.operation", Instant.parse("2026-03-04T05:06:07.123456789Z"),
                tenant, Optional.empty(), "system:bootstrap", new TreeMap<>());
        AuditRecord record = auditLog().append(precise);
        assertThat(record.entry().occurredAt()).isEqualTo(Instant.parse("2026-03-04T05:06:07.123Z"));
        assertThat(record.entry()).isEqualTo(precise.normalized());
        assertThat(record.hash()).isEqualTo(AuditChain.hash(AuditLog.GENESIS_HASH, 1, precise.normalized()));
        assertThat(auditLog().read(tenant, PageRequest.first(10)).items()).containsExactly(record);
    }

    @Test
    void readWhenEntriesHaveVariedContentThenTheyRoundTripExactly() {
        OrgId tenant = uniqueTenant("t");
        TreeMap<String, String> details = new TreeMap<>();
        details.put("empty", "");
        details.put("unicode", "Zürich 東京 — ✓");
        details.put("long", "x".repeat(2_000));
        details.put("quote", "a'b\"c;d:e\\f");
        AuditEntry withOrg = new AuditEntry("privilege.change", Instant.parse("2026-01-02T03:04:05.678Z"), tenant,
                Optional.of(OrgId.of("desk_equities-1")), "user:alice@example.com", details);
        AuditEntry withoutOrg = new AuditEntry("org.suspension", Instant.parse("1970-01-01T00:00:00Z"), tenant,
                Optional.empty(), "system:bootstrap", new TreeMap<>());
        AuditRecord a = auditLog().append(withOrg);
        AuditRecord b = auditLog().append(withoutOrg);
        List<AuditRecord> read = auditLog().read(tenant, PageRequest.first(10)).items();
        assertThat(read).containsExactly(a, b);
        assertThat(read.get(0).entry()).isEqualTo(withOrg);
        assertThat(read.get(1).entry()).isEqualTo(withoutOrg);
        assertThat(AuditChainVerifier.verifyRecords(tenant, read).isIntact()).isTrue();
    }

    @Test
    void readWhenTenantHasNoRecordsThenEmptyLastPage() {
        Page<AuditRecord> page = auditLog().read(uniqueTenant("empty"), PageRequest.first(10));
        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void readWhenPagedThenSequenceOrderWithCursorOfLastSequence() {
        OrgId tenant = uniqueTenant("t");
        List<AuditRecord> appended = appendEntries(tenant, 7);

        Page<AuditRecord> first = auditLog().read(tenant, PageRequest.first(3));
        assertThat(first.items()).containsExactlyElementsOf(appended.subList(0, 3));
        assertThat(first.next()).contains("3");

        Page<AuditRecord> second = auditLog().read(tenant, PageRequest.after(first.next().get(), 3));
        assertThat(second.items()).containsExactlyElementsOf(appended.subList(3, 6));
        assertThat(second.next()).contains("6");

        Page<AuditRecord> last = auditLog().read(tenant, PageRequest.after(second.next().get(), 3));
        assertThat(last.items()).containsExactly(appended.get(6));
        assertThat(last.next()).isEmpty();
    }

    @Test
    void readWhenRecordsFillPagesExactlyThenLastFullPageHasNoCursor() {
        OrgId tenant = uniqueTenant("t");
        appendEntries(tenant, 6);
        Page<AuditRecord> first = auditLog().read(tenant, PageRequest.first(3));
        assertThat(first.next()).contains("3");
        Page<AuditRecord> second = auditLog().read(tenant, PageRequest.after("3", 3));
        assertThat(second.items()).extracting(AuditRecord::sequence).containsExactly(4L, 5L, 6L);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void readWhenCursorIsAnySequenceThenStartsRightAfterIt() {
        OrgId tenant = uniqueTenant("t");
        appendEntries(tenant, 5);
        assertThat(auditLog().read(tenant, PageRequest.after("0", 2)).items())
                .extracting(AuditRecord::sequence).containsExactly(1L, 2L);
        assertThat(auditLog().read(tenant, PageRequest.after("4", 10)).items())
                .extracting(AuditRecord::sequence).containsExactly(5L);
        Page<AuditRecord> beyond = auditLog().read(tenant, PageRequest.after("99", 10));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.next()).isEmpty();
    }

    @Test
    void readWhenCursorMalformedThenIllegalArgument() {
        OrgId tenant = uniqueTenant("t");
        appendEntries(tenant, 2);
        assertThatIllegalArgumentException().isThrownBy(() -> auditLog().read(tenant, PageRequest.after("x", 2)));
        assertThatIllegalArgumentException().isThrownBy(() -> auditLog().read(tenant, PageRequest.after("-1", 2)));
    }

    @Test
    void headWhenEmptyThenEmptyElseNewestRecord() {
        OrgId tenant = uniqueTenant("t");
        assertThat(auditLog().head(tenant)).isEmpty();
        List<AuditRecord> appended = appendEntries(tenant, 4);
        assertThat(auditLog().head(tenant)).contains(appended.get(3));
    }

    @Test
    void appendWhenTenantsInterleaveThenEachChainIsIndependent() {
        OrgId a = uniqueTenant("a");
        OrgId b = uniqueTenant("b");
        for (int i = 1; i <= 5; i++) {
            auditLog().append(entry(a, i));
            auditLog().append(entry(b, i));
            auditLog().append(entry(b, 100 + i));
        }
        List<AuditRecord> chainA = Page.all(p -> auditLog().read(a, p), 4);
        List<AuditRecord> chainB = Page.all(p -> auditLog().read(b, p), 4);
        assertThat(chainA).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chainB).hasSize(10);
        assertThat(chainA).allSatisfy(r -> assertThat(r.entry().tenant()).isEqualTo(a));
        assertThat(chainB).allSatisfy(r -> assertThat(r.tenant()).isEqualTo(b));
        assertThat(chainA.get(0).previousHash()).isEqualTo(AuditLog.GENESIS_HASH);
        assertThat(chainB.get(0).previousHash()).isEqualTo(AuditLog.GENESIS_HASH);
        assertThat(new AuditChainVerifier(auditLog(), 3).verify(a))
                .isEqualTo(new ChainVerification.Intact(a, 5, chainA.get(4).hash()));
        assertThat(new AuditChainVerifier(auditLog(), 3).verify(b))
                .isEqualTo(new ChainVerification.Intact(b, 10, chainB.get(9).hash()));
    }

    @Test
    void appendWhenManyThreadsAppendConcurrentlyThenChainsStayGaplessAndValid() throws Exception {
        OrgId a = uniqueTenant("a");
        OrgId b = uniqueTenant("b");
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        auditLog().append(entry(thread % 2 == 0 ? a : b, thread * 1_000 + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = (long) threads / 2 * perThread;
        for (OrgId tenant : List.of(a, b)) {
            ChainVerification result = new AuditChainVerifier(auditLog(), 37).verify(tenant);
            assertThat(result).isInstanceOf(ChainVerification.Intact.class);
            assertThat(((ChainVerification.Intact) result).records()).isEqualTo(expected);
            Set<String> ns = new HashSet<>();
            for (AuditRecord r : Page.all(p -> auditLog().read(tenant, p), 100)) {
                ns.add(r.entry().details().get("n"));
            }
            assertThat(ns).hasSize((int) expected);
            assertThat(auditLog().head(tenant).orElseThrow().sequence()).isEqualTo(expected);
        }
    }

    private List<AuditRecord> appendEntries(OrgId tenant, int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            records.add(auditLog().append(entry(tenant, i)));
        }
        return records;
    }
}
