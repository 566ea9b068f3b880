package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link UserRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Table {@code users} of migration {@code db/partnerid/core/<vendor>/V4__users.sql}. The per-pool
 * uniqueness of usernames is the unique index {@code (pool_id, username)}, so two nodes creating the same username
 * at once cannot both succeed (the loser gets {@code store.duplicate}). {@link #update} is a compare-and-set on the
 * {@code version} column: of a concurrent lock and disable exactly one wins, the other gets {@code store.conflict}.
 *
 * <p>Performance: {@link #findById} and {@link #findByUsername} (the login look-up) are single index probes
 * (sub-millisecond with 1,000,000 users, see docs/benchmarks.md); {@link #findByPool} pages through the
 * {@code (pool_id, id)} index. Display name and e-mail are stored escaped so that every string round-trips
 * exactly; usernames (canonical, without control characters) are stored as they are. The row mapping is
 * replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcUserRepository implements UserRepository {

    /** The default mapping of a {@code users} row. */
    public static final RowMapper<User> ROW_MAPPER = rs -> new User(
            UserId.of(rs.getString("id")),
            PoolId.of(rs.getString("pool_id")),
            OrgId.of(rs.getString("org_id")),
            rs.getString("username"),
            Jdbc.optionalString(rs, "email").map(TextCodec::unescape),
            TextCodec.unescape(rs.getString("display_name")),
            UserStatus.valueOf(rs.getString("status")),
            Jdbc.instant(rs, "created_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT id, pool_id, org_id, username, email, display_name, status, "
            + "created_at, version FROM users ";

    private final Jdbc jdbc;
    private final RowMapper<User> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcUserRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcUserRepository(DataSource dataSource, RowMapper<User> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(User user) {
        Objects.requireNonNull(user, "user");
        if (user.version() != 0) {
            throw new IllegalArgumentException("a new user has version 0");
        }
        jdbc.transaction("user " + user.id(), c -> Jdbc.update(c, "INSERT INTO users (id, pool_id, org_id, "
                        + "username, email, display_name, status, created_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                user.id().value(), user.poolId().value(), user.orgId().value(), user.username(),
                Jdbc.text(user.email().map(TextCodec::escape)), TextCodec.escape(user.displayName()), user.status(),
                user.createdAt()));
    }

    @Override
    public User update(User user) {
        Objects.requireNonNull(user, "user");
        String what = "user " + user.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c, "UPDATE users SET username = ?, email = ?, display_name = ?, status = ?, "
                            + "version = version + 1 WHERE id = ? AND version = ?",
                    user.username(), Jdbc.text(user.email().map(TextCodec::escape)),
                    TextCodec.escape(user.displayName()), user.status(), user.id().value(), user.version());
            return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, user.id()));
        });
    }

    @Override
    public Optional<User> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("user " + id, c -> find(c, id));
    }

    private Optional<User> find(Connection c, UserId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Optional<User> findByUsername(PoolId poolId, String username) {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(username, "username");
        return jdbc.read("user", c -> Jdbc.queryOne(c, SELECT + "WHERE pool_id = ? AND username = ?", mapper,
                poolId.value(), username));
    }

    @Override
    public Page<User> findByPool(PoolId poolId, PageRequest page) {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("users", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE pool_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                poolId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), u -> u.id().value()));
    }
}
