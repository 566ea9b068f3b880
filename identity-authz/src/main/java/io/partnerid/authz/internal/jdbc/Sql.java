package io.partnerid.authz.internal.jdbc;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.RowMapper;
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
 * The JDBC plumbing of identity-authz's stores: transactions over a host's {@link DataSource}, parameter binding,
 * row reading, and the translation of {@link SQLException}s into {@link IdentityException}s with the
 * {@link StoreErrors} codes identity-core's repositories use (unique violation 23505 → {@code store.duplicate},
 * serialization failure or deadlock 40001/40P01 → {@code store.conflict}, anything else {@code store.failure}).
 *
 * <p>Internal to identity-authz (not an API). Thread-safe: holds only the data source; every call borrows its own
 * connection and returns it before it returns.
 */
public final class Sql {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
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
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (an
     * {@link IdentityException} thrown by the work passes through unchanged).
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
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the connection is closed next; a pool resets or discards it
                }
            }
        } catch (SQLException e) {
            throw translate(e, what);
        }
    }

    /** Translates a driver error into the store error codes (SQLState only in the operator-facing detail). */
    public static IdentityException translate(SQLException e, String what) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return new IdentityException(StoreErrors.DUPLICATE, "The resource already exists.",
                        what + " already exists", e);
            }
        }
        if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
            return new IdentityException(StoreErrors.CONFLICT, "The resource was changed concurrently; retry.",
                    what + ": concurrent transaction (" + e.getSQLState() + ")", e);
        }
        return new IdentityException(StoreErrors.FAILURE, "The store is unavailable.",
                what + ": SQL error " + e.getSQLState() + " " + e.getErrorCode(), e);
    }

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

    /** Runs a query returning one number (0 when there is no row). */
    public static long queryLong(Connection c, String sql, Object... params) throws SQLException {
        return queryOne(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs an insert, update or delete; returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** A NULL of a given SQL type (PostgreSQL's driver needs the type of a null parameter). */
    public record Null(int sqlType) {
        public static final Null TIMESTAMP = new Null(Types.TIMESTAMP_WITH_TIMEZONE);
        public static final Null DOUBLE = new Null(Types.DOUBLE);
    }

    /** The instant or a typed TIMESTAMP WITH TIME ZONE null. */
    public static Object timestamp(Optional<Instant> value) {
        return value.<Object>map(v -> v).orElse(Null.TIMESTAMP);
    }

    /**
     * Binds parameters: {@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code Instant} (as a UTC
     * {@code TIMESTAMP WITH TIME ZONE}) and {@link Null}.
     */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p instanceof Null n) {
                ps.setNull(index, n.sqlType());
            } else if (p instanceof String s) {
                ps.setString(index, s);
            } else if (p instanceof Long l) {
                ps.setLong(index, l);
            } else if (p instanceof Integer n) {
                ps.setInt(index, n);
            } else if (p instanceof Double d) {
                ps.setDouble(index, d);
            } else if (p instanceof Instant t) {
                ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                throw new IllegalArgumentException("unsupported parameter " + index + ": "
                        + (p == null ? "null (use Sql.Null)" : p.getClass().getName()));
            }
        }
    }

    /** Reads a non-null TIMESTAMP WITH TIME ZONE column. */
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
}
