package io.partnerid.core.jdbc;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the SDK's database schema (Flyway migrations shipped on the classpath) to a host's {@link DataSource}.
 *
 * <p>Stateless and thread-safe; running it from several nodes at once is safe because Flyway serializes migrations
 * with a database lock. Each SDK module keeps its migrations in its own location,
 * {@code classpath:db/partnerid/<module>/<vendor>} (for example {@code db/partnerid/core/postgresql}), and its own
 * history table {@code partnerid_<module>_schema_history}, so the SDK's migrations never collide with the host's
 * own Flyway migrations in the same schema. Supported vendors are PostgreSQL (and engines that identify as it) and
 * H2 in PostgreSQL mode. The migrations are versioned and checksummed: applying them to an up-to-date schema is a
 * no-op, and an edited migration fails validation.
 *
 * <p>Flyway ({@code org.flywaydb:flyway-core}, plus {@code flyway-database-postgresql} for PostgreSQL) is an
 * optional dependency of identity-core: a host that calls this class adds it; a host that applies the DDL with its
 * own tool copies the SQL files from the locations above and does not need Flyway.
 *
 * <pre>{@code
 * PartnerIdSchema.migrate(dataSource);                       // identity-core's tables
 * OrganizationRepository orgs = new JdbcOrganizationRepository(dataSource);
 * }</pre>
 */
public final class PartnerIdSchema {

    /** The module name of identity-core's migrations. */
    public static final String CORE = "core";

    /** Raised when the schema cannot be applied or the database is not supported. */
    public static final ErrorCode SCHEMA_FAILED = ErrorCode.of("store.schema_failed");

    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private PartnerIdSchema() {
    }

    /** The database products the SDK ships DDL for. */
    public enum Vendor {
        /** PostgreSQL 12 or newer. */
        POSTGRESQL,
        /** H2 2.x, in PostgreSQL mode ({@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE}). */
        H2;

        /** The directory name used in migration locations, {@code postgresql} or {@code h2}. */
        public String directory() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Detects the vendor behind a data source.
         *
         * @throws IdentityException {@code store.schema_failed} for an unsupported database
         */
        public static Vendor of(DataSource dataSource) {
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IdentityException(StoreErrors.FAILURE, "The store is unavailable.",
                        "cannot read database metadata: " + e.getSQLState(), e);
            }
            if ("PostgreSQL".equalsIgnoreCase(product)) {
                return POSTGRESQL;
            }
            if ("H2".equalsIgnoreCase(product)) {
                return H2;
            }
            throw new IdentityException(SCHEMA_FAILED, "The store is not configured correctly.",
                    "unsupported database product " + product);
        }
    }

    /**
     * The outcome of a migration run.
     *
     * @param module the module whose migrations ran
     * @param applied how many migrations were applied (0 when the schema was up to date)
     * @param version the schema version afterwards
     */
    public record Result(String module, int applied, String version) {
        public Result {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(version, "version");
        }
    }

    /** The classpath location of a module's migrations for a vendor, {@code classpath:db/partnerid/<m>/<v>}. */
    public static String location(String module, Vendor vendor) {
        requireModule(module);
        return "classpath:db/partnerid/" + module + "/" + Objects.requireNonNull(vendor, "vendor").directory();
    }

    /** The Flyway history table of a module, {@code partnerid_<module>_schema_history}. */
    public static String historyTable(String module) {
        requireModule(module);
        return "partnerid_" + module + "_schema_history";
    }

    /** Applies identity-core's migrations. */
    public static Result migrate(DataSource dataSource) {
        return migrate(dataSource, CORE);
    }

    /**
     * Applies a module's migrations (identity-core is {@link #CORE}; other modules document their name).
     *
     * @throws IdentityException {@code store.schema_failed} when a migration fails or an applied one was edited
     */
    public static Result migrate(DataSource dataSource, String module) {
        Objects.requireNonNull(dataSource, "dataSource");
        Vendor vendor = Vendor.of(dataSource);
        try {
            Flyway flyway = Flyway.configure(PartnerIdSchema.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(location(module, vendor))
                    .table(historyTable(module))
                    // the host's schema may already hold its own tables: start our history at 0, then apply V1…
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            MigrateResult result = flyway.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : String.valueOf(flyway.info().current() == null ? "0" : flyway.info().current().getVersion());
            return new Result(module, result.migrationsExecuted, version);
        } catch (FlywayException e) {
            throw new IdentityException(SCHEMA_FAILED, "The store is not configured correctly.",
                    "migrating " + module + " on " + vendor + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireModule(String module) {
        Objects.requireNonNull(module, "module");
        if (!MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("module name must match " + MODULE.pattern());
        }
    }
}
