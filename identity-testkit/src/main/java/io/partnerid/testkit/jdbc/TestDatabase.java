package io.partnerid.testkit.jdbc;

import io.partnerid.core.jdbc.PartnerIdSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One isolated test database from {@link TestDatabases}: its data source, and as a JUnit extension, empty tables
 * before every test and removal after the test class.
 *
 * <p>Thread-safe: the data source may be used from many threads (concurrency tests); {@link #reset} and
 * {@link #close} must not run while a test uses it.
 */
public final class TestDatabase implements BeforeEachCallback, AfterAllCallback, AutoCloseable {

    /** Releases what the database holds. */
    @FunctionalInterface
    interface Closer {
        void close() throws SQLException;
    }

    private final PartnerIdSchema.Vendor vendor;
    private final DataSource dataSource;
    private final Closer closer;

    TestDatabase(PartnerIdSchema.Vendor vendor, DataSource dataSource, Closer closer) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.closer = Objects.requireNonNull(closer, "closer");
    }

    /** The data source of this database (pooled for PostgreSQL). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** PostgreSQL or H2. */
    public PartnerIdSchema.Vendor vendor() {
        return vendor;
    }

    /** Empties every table except the migration history tables. */
    public void reset() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = tables(c);
            if (tables.isEmpty()) {
                return;
            }
            if (vendor == PartnerIdSchema.Vendor.POSTGRESQL) {
                s.execute("TRUNCATE " + String.join(", ", tables));
            } else {
                for (String table : tables) {
                    s.execute("TRUNCATE TABLE " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test database", e);
        }
    }

    /** The tables of the current schema, migration history excluded, in name order. */
    public List<String> tables() {
        try (Connection c = dataSource.getConnection()) {
            return tables(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list tables", e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!name.endsWith("schema_history")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Drops the schema (PostgreSQL) or shuts the database down (H2). */
    @Override
    public void close() {
        try {
            closer.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database", e);
        }
    }

    @Override
    public String toString() {
        return vendor.directory() + " test database";
    }
}
