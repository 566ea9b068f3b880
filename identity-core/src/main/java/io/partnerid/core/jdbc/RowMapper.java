package io.partnerid.core.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a {@link ResultSet} to a value: the replaceable read side of every {@code Jdbc*}
 * repository of the SDK.
 *
 * <p>Implementations must be stateless and thread-safe; the repository calls them from any thread, once per row,
 * and must not advance or close the result set. A host replaces a repository's default mapper when its tables carry
 * extra columns or encodings (pass it to the repository's constructor); the default mapper of each repository is
 * exposed as a constant so that a custom mapper can delegate to it.
 *
 * @param <T> the mapped type
 */
@FunctionalInterface
public interface RowMapper<T> {

    /** Maps the current row. */
    T map(ResultSet row) throws SQLException;
}
