package io.partnerid.core.role;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A {@link RoleRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Table {@code roles} of migration {@code db/partnerid/core/<vendor>/V6__roles.sql}. Names are unique
 * per organization through the unique index {@code (org_id, name)} (exact comparison), so two nodes defining the
 * same name at once cannot both succeed. {@link #update} is a compare-and-set on the {@code version} column.
 *
 * <p>Performance: look-ups by id and by (organization, name) are index probes; {@link #findByOrg} pages through the
 * {@code (org_id, id)} index. A role's permissions (at most {@value Role#MAX_PERMISSIONS}) are one space-separated
 * column, read and written with the role. The row mapping is replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcRoleRepository implements RoleRepository {

    /** The default mapping of a {@code roles} row. */
    public static final RowMapper<Role> ROW_MAPPER = rs -> new Role(
            RoleId.of(rs.getString("id")),
            OrgId.of(rs.getString("org_id")),
            TextCodec.unescape(rs.getString("name")),
            permissions(rs.getString("permissions")),
            rs.getBoolean("inheritable"),
            Jdbc.instant(rs, "created_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT id, org_id, name, permissions, inheritable, created_at, version "
            + "FROM roles ";

    private final Jdbc jdbc;
    private final RowMapper<Role> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcRoleRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcRoleRepository(DataSource dataSource, RowMapper<Role> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(Role role) {
        Objects.requireNonNull(role, "role");
        if (role.version() != 0) {
            throw new IllegalArgumentException("a new role has version 0");
        }
        jdbc.transaction("role " + role.id(), c -> Jdbc.update(c, "INSERT INTO roles (id, org_id, name, "
                        + "permissions, inheritable, created_at, version) VALUES (?, ?, ?, ?, ?, ?, 0)",
                role.id().value(), role.orgId().value(), TextCodec.escape(role.name()), encode(role.permissions()),
                role.inheritable(), role.createdAt()));
    }

    @Override
    public Role update(Role role) {
        Objects.requireNonNull(role, "role");
        String what = "role " + role.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c, "UPDATE roles SET name = ?, permissions = ?, inheritable = ?, "
                            + "version = version + 1 WHERE id = ? AND version = ?",
                    TextCodec.escape(role.name()), encode(role.permissions()), role.inheritable(), role.id().value(),
                    role.version());
            return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, role.id()));
        });
    }

    @Override
    public Optional<Role> findById(RoleId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("role " + id, c -> find(c, id));
    }

    private Optional<Role> find(Connection c, RoleId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Optional<Role> findByName(OrgId orgId, String name) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        return jdbc.read("role", c -> Jdbc.queryOne(c, SELECT + "WHERE org_id = ? AND name = ?", mapper,
                orgId.value(), TextCodec.escape(name)));
    }

    @Override
    public Page<Role> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("roles", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), r -> r.id().value()));
    }

    private static String encode(Set<String> permissions) {
        return String.join(" ", new TreeSet<>(permissions));
    }

    private static Set<String> permissions(String encoded) {
        return encoded.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(encoded.split(" ")));
    }
}
