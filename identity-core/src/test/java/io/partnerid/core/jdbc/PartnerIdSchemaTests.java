package io.partnerid.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.org.JdbcOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.OrgStatus;
import io.partnerid.core.org.Organization;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerIdSchemaTests {

    @Test
    void migrateWhenPostgresIsEmptyThenAppliesAllAndSecondRunIsNoOp() {
        migrateTwice(TestDatabases::emptyPostgres);
    }

    @Test
    void migrateWhenH2IsEmptyThenAppliesAllAndSecondRunIsNoOp() {
        migrateTwice(TestDatabases::emptyH2);
    }

    private static void migrateTwice(Supplier<TestDatabase> factory) {
        try (TestDatabase db = factory.get()) {
            assertThat(db.tables()).isEmpty();
            PartnerIdSchema.Result first = PartnerIdSchema.migrate(db.dataSource());
            assertThat(first.applied()).isPositive();
            List<String> tables = db.tables();
            assertThat(tables).contains("organizations", "audit_records", "audit_chain_heads");
            String columns = describe(db, "columns");

            PartnerIdSchema.Result second = PartnerIdSchema.migrate(db.dataSource());

            assertThat(second.applied()).isZero();
            assertThat(second.version()).isEqualTo(first.version());
            assertThat(db.tables()).isEqualTo(tables);
            assertThat(describe(db, "columns")).isEqualTo(columns);
        }
    }

    /**
     * The reference server's embedded default: an H2 file database survives a restart with its schema and rows. As
     * a server's pool would, a connection stays open while the "server" runs, and the database is shut down on stop.
     */
    @Test
    void migrateWhenH2FileDatabaseReopenedThenRowsKeptAndNothingReapplied(@TempDir Path dir) throws SQLException {
        String url = TestDatabases.h2Url("file:" + dir.resolve("partnerid").toAbsolutePath());
        OrgId acme = OrgId.of("acme");
        Organization org = new Organization(acme, "Acme", Optional.empty(), OrgPath.root(acme), OrgStatus.ACTIVE,
                Optional.empty(), Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"), 0);
        JdbcDataSource first = new JdbcDataSource();
        first.setURL(url);
        try (Connection server = first.getConnection()) {
            assertThat(PartnerIdSchema.migrate(first).applied()).isPositive();
            new JdbcOrganizationRepository(first).insert(org);
            server.createStatement().execute("SHUTDOWN");
        }

        JdbcDataSource reopened = new JdbcDataSource();
        reopened.setURL(url);
        try (Connection server = reopened.getConnection()) {
            assertThat(PartnerIdSchema.migrate(reopened).applied()).isZero();
            assertThat(new JdbcOrganizationRepository(reopened).findById(acme)).contains(org);
            server.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void migrateWhenSchemaHoldsHostTablesThenSdkTablesAddedBesideThem() throws SQLException {
        try (TestDatabase db = TestDatabases.emptyPostgres()) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE host_orders (id BIGINT PRIMARY KEY)");
                s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)");
            }
            assertThat(PartnerIdSchema.migrate(db.dataSource()).applied()).isPositive();
            assertThat(db.tables()).contains("host_orders", "organizations");
        }
    }

    /** The PostgreSQL and H2 migrations are two spellings of one schema: same tables, columns, nullability. */
    @Test
    void migrateThenPostgresAndH2SchemasHaveTheSameShape() {
        try (TestDatabase pg = TestDatabases.postgres(); TestDatabase h2 = TestDatabases.h2()) {
            assertThat(pg.tables()).isEqualTo(h2.tables());
            assertThat(describe(pg, "columns")).contains("organizations.path text nullable=NO",
                    "organizations.parent_id text nullable=YES", "audit_records.sequence bigint nullable=NO");
            assertThat(describe(pg, "indexes")).contains("organizations:organizations_path_ux unique",
                    "organizations:organizations_parent_ix");
            assertThat(describe(h2, "columns")).isEqualTo(describe(pg, "columns"));
            assertThat(describe(h2, "indexes")).isEqualTo(describe(pg, "indexes"));
        }
    }

    /** Tables, columns (name, type family, nullability) or index names of the current schema, one per line. */
    private static String describe(TestDatabase db, String what) {
        TreeSet<String> lines = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (String table : db.tables()) {
                if (what.equals("columns")) {
                    try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, null)) {
                        while (rs.next()) {
                            lines.add(table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                                    + family(rs.getString("TYPE_NAME")) + " nullable=" + rs.getString("IS_NULLABLE"));
                        }
                    }
                } else {
                    try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), table, false, false)) {
                        List<String> names = new ArrayList<>();
                        while (rs.next()) {
                            String name = rs.getString("INDEX_NAME");
                            if (name != null && !name.toLowerCase(Locale.ROOT).startsWith("primary_key")
                                    && !name.toLowerCase(Locale.ROOT).endsWith("_pk")) {
                                names.add(table + ":" + name.toLowerCase(Locale.ROOT)
                                        + (rs.getBoolean("NON_UNIQUE") ? "" : " unique"));
                            }
                        }
                        lines.addAll(names);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return String.join("\n", lines);
    }

    private static String family(String typeName) {
        String t = typeName.toLowerCase(Locale.ROOT);
        if (t.contains("char") || t.equals("text")) {
            return "text";
        }
        if (t.contains("timestamp")) {
            return "timestamp";
        }
        if (t.equals("int8") || t.equals("bigint")) {
            return "bigint";
        }
        if (t.equals("int4") || t.equals("integer")) {
            return "integer";
        }
        if (t.equals("int2") || t.equals("smallint")) {
            return "smallint";
        }
        if (t.equals("bool") || t.equals("boolean")) {
            return "boolean";
        }
        if (t.equals("bytea") || t.contains("binary")) {
            return "bytes";
        }
        return t;
    }
}
