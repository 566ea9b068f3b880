package io.partnerid.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration {@code V13__federated_identities_per_tenant.sql} on links stored under V12, on PostgreSQL and H2: each
 * link gets its organization's tenant, and the key becomes (tenant, issuer, subject).
 */
class FederatedIdentityTenantMigrationTests {

    private static final String ISSUER = "https://login.partner.example";

    @Test
    void migrateWhenPostgresHoldsV12LinksThenTenantsBackfilledAndKeyPerTenant() throws SQLException {
        check(TestDatabases::emptyPostgres);
    }

    @Test
    void migrateWhenH2HoldsV12LinksThenTenantsBackfilledAndKeyPerTenant() throws SQLException {
        check(TestDatabases::emptyH2);
    }

    private static void check(Supplier<TestDatabase> empty) throws SQLException {
        try (TestDatabase db = empty.get()) {
            PartnerIdSchema.Vendor vendor = PartnerIdSchema.Vendor.of(db.dataSource());
            Flyway.configure(PartnerIdSchema.class.getClassLoader()).dataSource(db.dataSource())
                    .locations(PartnerIdSchema.location(PartnerIdSchema.CORE, vendor))
                    .table(PartnerIdSchema.historyTable(PartnerIdSchema.CORE))
                    .baselineOnMigrate(true).baselineVersion("0").target("12").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO organizations (id, name, parent_id, path, status, created_at, version) VALUES "
                        + "('acme', 'Acme', NULL, '/acme/', 'ACTIVE', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z', 0), "
                        + "('desk', 'Desk', 'acme', '/acme/desk/', 'ACTIVE', "
                        + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z', 0)");
                s.execute("INSERT INTO federated_identities (issuer, subject, user_id, pool_id, org_id, linked_at) "
                        + "VALUES ('" + ISSUER + "', 'sub-1', 'alice', 'p1', 'desk', "
                        + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z'), "
                        + "('" + ISSUER + "', 'sub-2', 'ghost', 'p0', 'gone', "
                        + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z')");
            }

            PartnerIdSchema.Result result = PartnerIdSchema.migrate(db.dataSource());
            assertThat(Integer.parseInt(result.version())).as("V13 and any later migration applied")
                    .isGreaterThanOrEqualTo(13);

            JdbcFederatedIdentityRepository repo = new JdbcFederatedIdentityRepository(db.dataSource());
            FederatedIdentity alices = repo.find(OrgId.of("acme"), ISSUER, "sub-1").orElseThrow();
            assertThat(alices.userId()).isEqualTo(UserId.of("alice"));
            assertThat(alices.orgId()).isEqualTo(OrgId.of("desk"));
            assertThat(repo.find(OrgId.of("desk"), ISSUER, "sub-1")).isEmpty();
            assertThat(repo.find(OrgId.of("gone"), ISSUER, "sub-2")).isPresent(); // orphan: its own org as tenant

            FederatedIdentity other = new FederatedIdentity(OrgId.of("globex"), ISSUER, "sub-1", UserId.of("mallory"),
                    PoolId.of("p2"), OrgId.of("globex"), Instant.parse("2026-02-01T00:00:00Z"));
            repo.insert(other); // the same pair in another tenant
            assertThat(repo.find(OrgId.of("globex"), ISSUER, "sub-1")).contains(other);
            assertThat(repo.find(OrgId.of("acme"), ISSUER, "sub-1")).contains(alices);
            assertThatThrownBy(() -> repo.insert(new FederatedIdentity(OrgId.of("acme"), ISSUER, "sub-1",
                    UserId.of("bob"), PoolId.of("p1"), OrgId.of("acme"), Instant.parse("2026-02-01T00:00:00Z"))))
                    .isInstanceOfSatisfying(IdentityException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
            assertThat(PartnerIdSchema.migrate(db.dataSource()).applied()).isZero();
        }
    }
}
