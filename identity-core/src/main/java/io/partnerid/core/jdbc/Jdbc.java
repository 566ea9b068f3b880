package io.partnerid.core.jdbc;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The shared plumbing of the SDK's JDBC repositories: connections and transactions over a host's
 * {@link DataSource}, parameter binding, row reading and the translation of {@link SQLException}s into
 * {@link IdentityException}s with a {@link StoreErrors} code.
 *
 * <p>Thread-safe: holds only the data source; every call borrows its own connection and returns it before it
 * returns. Transactions run at the data source's isolation level; every repository is written to be correct at
 * READ COMMITTED (the default of PostgreSQL and H2) and stricter levels, where it relies on row locks and
 * version predicates rather than on snapshot semantics.
 *
 * <p>Public so that every SDK module's JDBC stores (core, authz, later federation and mfa) share one implementation;
 * it follows the SDK's needs and is not meant as a general-purpose JDBC library for hosts.
 */
public final class Jdbc {

    /** SQLState of a unique-constraint violation (PostgreSQL and H2). */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A unit of work on a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection in auto-commit mode (single statements, reads). */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e, what);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws anything (an
     * {@link IdentityException} thrown by the work, for example a conflict, passes through unchanged).
     */
    public <T> T transaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw translate(e, what);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the connection is closed next; a pool resets it or discards it
        }
    }

    /**
     * Translates a driver error: a unique violation becomes {@code store.duplicate}, a serialization failure or
     * deadlock {@code store.conflict} (retry from a fresh read), anything else {@code store.failure}.
     */
    public static IdentityException translate(SQLException e, String what) {
        if (isUniqueViolation(e)) {
            return new IdentityException(StoreErrors.DUPLICATE, "The resource already exists.",
                    what + " already exists", e);
        }
        if (isTransient(e)) {
            return new IdentityException(StoreErrors.CONFLICT, "The resource was changed concurrently; retry.",
                    what + ": concurrent transaction (" + e.getSQLState() + ")", e);
        }
        return new IdentityException(StoreErrors.FAILURE, "The store is unavailable.",
                what + ": SQL error " + e.getSQLState() + " " + e.getErrorCode(), e);
    }

    /** True for a unique-constraint violation anywhere in the chain of {@code e}. */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** True for a serialization failure (40001) or a deadlock (40P01): the transaction may be retried. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    // ---------------------------------------------------------------- statements

    /** Runs a query and maps every row. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** Runs a query expected to return at most one row. */
    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs a query returning one number (a count). */
    public static long queryLong(Connection c, String sql, Object... params) throws SQLException {
        return queryOne(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs an insert, update or delete; returns the number of rows changed. */
    /** Re-reads a row inside the transaction of a versioned update. */
    @FunctionalInterface
    public interface Reread<T> {
        Optional<T> get() throws SQLException;
    }

    /**
     * Finishes an optimistic-concurrency update ({@code UPDATE … WHERE id = ? AND version = ?}): when no row changed,
     * the row either moved on ({@code store.conflict}) or does not exist ({@code store.missing}); otherwise the row
     * as now stored.
     */
    public static <T> T afterVersionedUpdate(int changed, String what, Reread<T> reread) throws SQLException {
        Optional<T> now = reread.get();
        if (changed == 0) {
            throw now.isPresent() ? StoreErrors.conflict(what) : StoreErrors.missing(what);
        }
        return now.orElseThrow(() -> StoreErrors.missing(what));
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs one statement for every parameter row as a JDBC batch; returns the total of rows changed. */
    public static long batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            long total = 0;
            for (int n : ps.executeBatch()) {
                total += Math.max(n, 0);
            }
            return total;
        }
    }

    // ---------------------------------------------------------------- binding and reading

    /** A NULL of a given SQL type (drivers such as PostgreSQL's need the type of a null parameter). */
    public record Null(int sqlType) {
        public static final Null VARCHAR = new Null(Types.VARCHAR);
        public static final Null TIMESTAMP = new Null(Types.TIMESTAMP_WITH_TIMEZONE);
        public static final Null BIGINT = new Null(Types.BIGINT);
        public static final Null DOUBLE = new Null(Types.DOUBLE);
    }

    /** The value or a typed VARCHAR null. */
    public static Object text(Optional<?> value) {
        return value.<Object>map(Object::toString).orElse(Null.VARCHAR);
    }

    /** The instant or a typed TIMESTAMP WITH TIME ZONE null. */
    public static Object timestamp(Optional<Instant> value) {
        return value.<Object>map(v -> v).orElse(Null.TIMESTAMP);
    }

    /**
     * Binds parameters: {@code String}, {@code Long}, {@code Integer}, {@code Boolean}, {@code Instant} (as a UTC
     * {@code TIMESTAMP WITH TIME ZONE}), enums (by name), {@code byte[]} and {@link Null}.
     */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p == null) {
                throw new IllegalArgumentException("parameter " + index + " is null; use Jdbc.Null");
            } else if (p instanceof Null n) {
                ps.setNull(index, n.sqlType());
            } else if (p instanceof String s) {
                ps.setString(index, s);
            } else if (p instanceof Long l) {
                ps.setLong(index, l);
            } else if (p instanceof Integer n) {
                ps.setInt(index, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (p instanceof Double d) {
                ps.setDouble(index, d);
            } else if (p instanceof Instant t) {
                ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(index, e.name());
            } else if (p instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + p.getClass().getName());
            }
        }
    }

    /** Reads a non-null TIMESTAMP WITH TIME ZONE column as an instant. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value.toInstant();
    }

    /** Reads a nullable TIMESTAMP WITH TIME ZONE column. */
    public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    /** Reads an actor stored as a type column ({@code USER}, {@code SERVICE}, {@code SYSTEM}) and an id column. */
    public static io.partnerid.core.Actor actor(ResultSet rs, String typeColumn, String idColumn)
            throws SQLException {
        return new io.partnerid.core.Actor(io.partnerid.core.Actor.Type.valueOf(rs.getString(typeColumn)),
                rs.getString(idColumn));
    }

    /** Reads a nullable character column. */
    public static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /**
     * The exclusive upper bound of the key range holding every string that starts with {@code prefix}, where
     * {@code prefix} ends with {@code '/'}: the same string with its last character replaced by {@code '0'}
     * (the next code point). Exact for the SDK's keys, whose characters are ASCII letters, digits, {@code -},
     * {@code _} and {@code /}, under the binary ({@code "C"}) ordering the schema declares for key columns.
     */
    public static String prefixUpperBound(String prefix) {
        if (prefix.isEmpty() || prefix.charAt(prefix.length() - 1) != '/') {
            throw new IllegalArgumentException("prefix must end with '/'");
        }
        return prefix.substring(0, prefix.length() - 1) + '0';
    }
}
