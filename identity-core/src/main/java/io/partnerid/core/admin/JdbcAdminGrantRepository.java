package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * An {@link AdminGrantRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method is one statement in its own transaction. Grants are
 * immutable, so there is no version column: a grant is inserted once (a second insert of the id fails with
 * {@code store.duplicate} through the primary key, on any node) and deleted once. Schema: table
 * {@code admin_grants} of migration {@code db/partnerid/core/<vendor>/V3__admin_grants.sql}.
 *
 * <p>Performance: {@link #findByPrincipal} (read on every administrative operation) is one range scan of the
 * {@code (principal_id, principal_type, id)} index and returns at most {@link #MAX_GRANTS_PER_PRINCIPAL} grants
 * in id order; {@link #findByScope} scans the {@code (scope_org_id, id)} index, a page at a time. The row mapping is
 * replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcAdminGrantRepository implements AdminGrantRepository {

    /** The cap of {@link #findByPrincipal}: a principal administering more organizations sees the first ones. */
    public static final int MAX_GRANTS_PER_PRINCIPAL = 10_000;

    /** The default mapping of an {@code admin_grants} row. */
    public static final RowMapper<AdminGrant> ROW_MAPPER = rs -> new AdminGrant(
            new AdminGrantId(rs.getString("id")),
            Jdbc.actor(rs, "principal_type", "principal_id"),
            OrgId.of(rs.getString("scope_org_id")),
            capabilities(rs.getString("capabilities")),
            Jdbc.actor(rs, "granted_by_type", "granted_by_id"),
            Jdbc.instant(rs, "created_at"));

    private static final String SELECT = "SELECT id, principal_type, principal_id, scope_org_id, capabilities, "
            + "granted_by_type, granted_by_id, created_at FROM admin_grants ";

    private final Jdbc jdbc;
    private final RowMapper<AdminGrant> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcAdminGrantRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcAdminGrantRepository(DataSource dataSource, RowMapper<AdminGrant> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(AdminGrant grant) {
        Objects.requireNonNull(grant, "grant");
        jdbc.transaction("admin grant " + grant.id(), c -> Jdbc.update(c, "INSERT INTO admin_grants (id, "
                        + "principal_type, principal_id, scope_org_id, capabilities, granted_by_type, granted_by_id, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                grant.id().value(), grant.principal().type(), grant.principal().id(), grant.scope().value(),
                encode(grant.capabilities()), grant.grantedBy().type(), grant.grantedBy().id(), grant.createdAt()));
    }

    @Override
    public boolean delete(AdminGrantId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.transaction("admin grant " + id,
                c -> Jdbc.update(c, "DELETE FROM admin_grants WHERE id = ?", id.value())) > 0;
    }

    @Override
    public Optional<AdminGrant> findById(AdminGrantId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("admin grant " + id, c -> Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value()));
    }

    @Override
    public List<AdminGrant> findByPrincipal(Actor principal) {
        Objects.requireNonNull(principal, "principal");
        return jdbc.read("admin grants", c -> Jdbc.query(c,
                SELECT + "WHERE principal_id = ? AND principal_type = ? ORDER BY id LIMIT ?", mapper,
                principal.id(), principal.type(), MAX_GRANTS_PER_PRINCIPAL));
    }

    @Override
    public Page<AdminGrant> findByScope(OrgId scope, PageRequest page) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(page, "page");
        return jdbc.read("admin grants", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE scope_org_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                scope.value(), page.after().orElse(""), page.limit() + 1), page.limit(), g -> g.id().value()));
    }

    private static String encode(Set<AdminCapability> capabilities) {
        return EnumSet.copyOf(capabilities).stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static Set<AdminCapability> capabilities(String encoded) {
        return Arrays.stream(encoded.split(",")).map(AdminCapability::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AdminCapability.class)));
    }
}
