package io.partnerid.authz.entitlement;

import io.partnerid.core.jdbc.PartnerIdSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One embedded PostgreSQL per test JVM, with the authz migration applied; started on first use. */
final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresSupport() {
    }

    private static boolean tableExists(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('" + PostgresQuotaStore.TABLE + "') IS NOT NULL");
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // best effort at JVM exit
                }
            }));
            // the module's migrations, applied the way hosts apply them
            PartnerIdSchema.migrate(postgres.getPostgresDatabase(), "authz");
            if (!tableExists(postgres.getPostgresDatabase())) {
                throw new IllegalStateException("the authz migration did not create " + PostgresQuotaStore.TABLE);
            }
        }
        return postgres.getPostgresDatabase();
    }
}
