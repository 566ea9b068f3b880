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
 * An {@link IdentityPoolRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction. Table {@code identity_pools} of
 * migration {@code db/partnerid/core/<vendor>/V4__users.sql}. {@link #update} is a compare-and-set on the
 * {@code version} column: of two concurrent updates one wins, the other fails with {@code store.conflict}.
 * Look-ups are primary-key probes; {@link #findByOrg} pages through the {@code (org_id, id)} index. The row mapping
 * is replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcIdentityPoolRepository implements IdentityPoolRepository {

    /** The default mapping of an {@code identity_pools} row. */
    public static final RowMapper<IdentityPool> ROW_MAPPER = rs -> new IdentityPool(
            PoolId.of(rs.getString("id")),
            OrgId.of(rs.getString("org_id")),
            TextCodec.unescape(rs.getString("name")),
            Jdbc.instant(rs, "created_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT id, org_id, name, created_at, version FROM identity_pools ";

    private final Jdbc jdbc;
    private final RowMapper<IdentityPool> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcIdentityPoolRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcIdentityPoolRepository(DataSource dataSource, RowMapper<IdentityPool> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(IdentityPool pool) {
        Objects.requireNonNull(pool, "pool");
        if (pool.version() != 0) {
            throw new IllegalArgumentException("a new pool has version 0");
        }
        jdbc.transaction("identity pool " + pool.id(), c -> Jdbc.update(c,
                "INSERT INTO identity_pools (id, org_id, name, created_at, version) VALUES (?, ?, ?, ?, 0)",
                pool.id().value(), pool.orgId().value(), TextCodec.escape(pool.name()), pool.createdAt()));
    }

    @Override
    public IdentityPool update(IdentityPool pool) {
        Objects.requireNonNull(pool, "pool");
        String what = "identity pool " + pool.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c,
                    "UPDATE identity_pools SET name = ?, version = version + 1 WHERE id = ? AND version = ?",
                    TextCodec.escape(pool.name()), pool.id().value(), pool.version());
            return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, pool.id()));
        });
    }

    @Override
    public Optional<IdentityPool> findById(PoolId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("identity pool " + id, c -> find(c, id));
    }

    private Optional<IdentityPool> find(Connection c, PoolId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Page<IdentityPool> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("identity pools", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), p -> p.id().value()));
    }
}
