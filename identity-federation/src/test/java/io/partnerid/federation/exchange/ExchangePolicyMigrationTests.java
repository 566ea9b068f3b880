package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.OrgId;
import io.partnerid.federation.FederationTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Migration {@code V1__exchange_policy.sql} of module {@code federation}, on PostgreSQL and H2. */
class ExchangePolicyMigrationTests {

    @Test
    void migrateWhenPostgresThenTableCreatedAndRerunIsNoOp() throws SQLException {
        check(TestDatabases::emptyPostgres);
    }

    @Test
    void migrateWhenH2ThenTableCreatedAndRerunIsNoOp() throws SQLException {
        check(TestDatabases::emptyH2);
    }

    @Test
    void migrateThenPostgresAndH2TablesHaveTheSameShape() throws SQLException {
        try (TestDatabase pg = FederationTestDatabases.postgres(); TestDatabase h2 = FederationTestDatabases.h2()) {
            assertThat(pg.tables()).containsExactly("federation_exchange_policies");
            assertThat(h2.tables()).isEqualTo(pg.tables());
            assertThat(columns(pg)).containsExactly("org_id text NO", "policy text NO", "policy_format int NO");
            assertThat(columns(h2)).isEqualTo(columns(pg));
        }
    }

    private static void check(Supplier<TestDatabase> empty) throws SQLException {
        try (TestDatabase db = empty.get()) {
            PartnerIdSchema.Result first = PartnerIdSchema.migrate(db.dataSource(), FederationTestDatabases.MODULE);
            assertThat(first.applied()).isEqualTo(1);
            assertThat(first.version()).isEqualTo("1");
            assertThat(db.tables()).containsExactly("federation_exchange_policies");
            ExchangePolicy policy = ExchangePolicy.builder(OrgId.of("acme")).allowedClients("gw").build();
            new JdbcExchangePolicyRepository(db.dataSource()).save(policy);

            PartnerIdSchema.Result again = PartnerIdSchema.migrate(db.dataSource(), FederationTestDatabases.MODULE);

            assertThat(again.applied()).isZero();
            assertThat(again.version()).isEqualTo("1");
            assertThat(new JdbcExchangePolicyRepository(db.dataSource()).find(OrgId.of("acme"))).contains(policy);
            // identity-core's history is separate: its migrations still apply beside ours
            assertThat(PartnerIdSchema.migrate(db.dataSource()).applied()).isPositive();
            assertThat(PartnerIdSchema.migrate(db.dataSource(), FederationTestDatabases.MODULE).applied()).isZero();
        }
    }

    /** Column name, type family and nullability of the policy table, sorted. */
    private static TreeSet<String> columns(TestDatabase db) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), "federation_exchange_policies", null)) {
            while (rs.next()) {
                String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                String family = type.contains("char") || type.equals("text") ? "text"
                        : type.startsWith("int") ? "int" : type;
                lines.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " " + family + " "
                        + rs.getString("IS_NULLABLE"));
            }
        }
        return lines;
    }
}
