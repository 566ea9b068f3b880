package io.partnerid.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.audit.AuditFixtures;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the contract cannot say about a database-backed log: awkward strings, several nodes, edits behind its back. */
class JdbcAuditLogTests {

    @Test
    void appendWhenDetailsHoldNulBackslashAndSurrogatePairsThenTheyRoundTripOnPostgres() {
        roundTrip(TestDatabases::postgres);
    }

    @Test
    void appendWhenDetailsHoldNulBackslashAndSurrogatePairsThenTheyRoundTripOnH2() {
        roundTrip(TestDatabases::h2);
    }

    private static void roundTrip(Supplier<TestDatabase> factory) {
        try (TestDatabase db = factory.get()) {
            JdbcAuditLog log = new JdbcAuditLog(db.dataSource());
            OrgId tenant = AuditFixtures.uniqueTenant("t");
            TreeMap<String, String> details = new TreeMap<>();
            details.put("nul", "a\0b");
            details.put("back\\slash", "\\0 is not NUL, \\u0041 is not A, trailing \\");
            // unpaired surrogates never reach a log: AuditEntry refuses them (R8, AuditChainTests)
            details.put("pair", "\uD83D\uDE00");
            details.put("8:looks:like:length", "3:abc");
            AuditEntry entry = new AuditEntry("type\0with-nul", AuditFixtures.T0, tenant, Optional.empty(),
                    "user:a\\b", details);
            AuditRecord record = log.append(entry);
            List<AuditRecord> read = log.read(tenant, PageRequest.first(5)).items();
            assertThat(read).containsExactly(record);
            assertThat(read.get(0).entry()).isEqualTo(entry);
            assertThat(new AuditChainVerifier(log, 10).verify(tenant)).isInstanceOf(ChainVerification.Intact.class);
        }
    }

    /** Two logs with their own connection pools stand for two SDK nodes appending to one tenant's chain. */
    @Test
    void appendWhenTwoNodesAppendToOneTenantConcurrentlyThenChainIsGaplessAndVerifies() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            JdbcAuditLog nodeA = new JdbcAuditLog(db.dataSource());
            JdbcAuditLog nodeB = new JdbcAuditLog(db.dataSource());
            OrgId tenant = AuditFixtures.uniqueTenant("t");
            List<Callable<Void>> workers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                JdbcAuditLog node = t % 2 == 0 ? nodeA : nodeB;
                int thread = t;
                workers.add(() -> {
                    for (int i = 0; i < 40; i++) {
                        node.append(AuditFixtures.entry(tenant, thread * 1000 + i));
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(workers.size());
            try {
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<AuditRecord> chain = Page.all(p -> nodeB.read(tenant, p), 100);
            assertThat(chain).extracting(AuditRecord::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 240).boxed().toList());
            ChainVerification verification = new AuditChainVerifier(nodeA, 50).verify(tenant);
            assertThat(verification).isEqualTo(new ChainVerification.Intact(tenant, 240, chain.get(239).hash()));
        }
    }

    @Test
    void verifyWhenARowIsEditedInTheDatabaseThenTheChainIsBroken() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            JdbcAuditLog log = new JdbcAuditLog(db.dataSource());
            OrgId tenant = AuditFixtures.uniqueTenant("t");
            for (int i = 1; i <= 5; i++) {
                log.append(AuditFixtures.entry(tenant, i));
            }
            assertThat(new AuditChainVerifier(log, 2).verify(tenant)).isInstanceOf(ChainVerification.Intact.class);
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "UPDATE audit_records SET actor = 'user:mallory' WHERE tenant = ? AND sequence = 3")) {
                ps.setString(1, tenant.value());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(new AuditChainVerifier(log, 2).verify(tenant))
                    .isNotInstanceOf(ChainVerification.Intact.class);
        }
    }
}
