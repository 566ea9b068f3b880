package io.partnerid.authz.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.testkit.grant.GrantRepositoryContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Migration {@code V4__grant_version.sql}: the seeded counter row, on PostgreSQL and H2. */
class GrantVersionMigrationTests {

    @Test
    void migrateWhenPostgresThenCounterSeededAtZeroAndRerunIsNoOp() throws SQLException {
        check(TestDatabases::emptyPostgres);
    }

    @Test
    void migrateWhenH2ThenCounterSeededAtZeroAndRerunIsNoOp() throws SQLException {
        check(TestDatabases::emptyH2);
    }

    private static void check(Supplier<TestDatabase> empty) throws SQLException {
        try (TestDatabase db = empty.get()) {
            assertThat(PartnerIdSchema.migrate(db.dataSource(), AuthzTestDatabases.MODULE).version()).isEqualTo("4");
            assertThat(rows(db)).containsExactly(List.of(1L, 0L));
            JdbcGrantRepository repository = new JdbcGrantRepository(db.dataSource());
            assertThat(repository.version()).isZero();
            repository.saveGrant(GrantRepositoryContract.grant("g1", "viewer"));
            assertThat(rows(db)).containsExactly(List.of(1L, 1L)); // the seeded row was bumped, not a second one

            assertThat(PartnerIdSchema.migrate(db.dataSource(), AuthzTestDatabases.MODULE).applied()).isZero();
            assertThat(repository.version()).isEqualTo(1);
        }
    }

    private static List<List<Long>> rows(TestDatabase db) throws SQLException {
        List<List<Long>> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, version FROM authz_grant_version ORDER BY id")) {
            while (rs.next()) {
                rows.add(List.of(rs.getLong(1), rs.getLong(2)));
            }
        }
        return rows;
    }
}
