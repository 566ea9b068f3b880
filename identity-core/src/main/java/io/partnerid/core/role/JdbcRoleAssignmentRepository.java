package io.partnerid.core.role;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RoleAssignmentRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method is one statement in its own transaction. Table
 * {@code role_assignments} of migration {@code db/partnerid/core/<vendor>/V6__roles.sql}. Assignments are immutable
 * (no version column); the validity window is two nullable timestamps (microsecond precision).
 *
 * <p>Performance: {@link #findByAssignee} (read when effective roles are computed), {@link #findByRole} and
 * {@link #findByOrg} page through the {@code (assignee_id, assignee_kind, id)}, {@code (role_id, id)} and
 * {@code (org_id, id)} indexes; {@link #deleteByAssignee} is one indexed delete. The row mapping is replaceable
 * ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcRoleAssignmentRepository implements RoleAssignmentRepository {

    /** The default mapping of a {@code role_assignments} row. */
    public static final RowMapper<RoleAssignment> ROW_MAPPER = rs -> new RoleAssignment(
            RoleAssignmentId.of(rs.getString("id")),
            RoleId.of(rs.getString("role_id")),
            Assignee.of(Assignee.Kind.valueOf(rs.getString("assignee_kind")), rs.getString("assignee_id")),
            OrgId.of(rs.getString("org_id")),
            Jdbc.optionalInstant(rs, "valid_from"),
            Jdbc.optionalInstant(rs, "valid_until"),
            Jdbc.actor(rs, "granted_by_type", "granted_by_id"),
            Jdbc.instant(rs, "created_at"));

    private static final String SELECT = "SELECT id, role_id, assignee_kind, assignee_id, org_id, valid_from, "
            + "valid_until, granted_by_type, granted_by_id, created_at FROM role_assignments ";

    private final Jdbc jdbc;
    private final RowMapper<RoleAssignment> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcRoleAssignmentRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcRoleAssignmentRepository(DataSource dataSource, RowMapper<RoleAssignment> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(RoleAssignment a) {
        Objects.requireNonNull(a, "assignment");
        jdbc.transaction("role assignment " + a.id(), c -> Jdbc.update(c, "INSERT INTO role_assignments (id, "
                        + "role_id, assignee_kind, assignee_id, org_id, valid_from, valid_until, granted_by_type, "
                        + "granted_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id().value(), a.roleId().value(), a.assignee().kind(), a.assignee().id(), a.orgId().value(),
                Jdbc.timestamp(a.validFrom()), Jdbc.timestamp(a.validUntil()), a.grantedBy().type(),
                a.grantedBy().id(), a.createdAt()));
    }

    @Override
    public boolean delete(RoleAssignmentId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.transaction("role assignment " + id, c -> Jdbc.update(c,
                "DELETE FROM role_assignments WHERE id = ?", id.value())) > 0;
    }

    @Override
    public Optional<RoleAssignment> findById(RoleAssignmentId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("role assignment " + id, c -> Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper,
                id.value()));
    }

    @Override
    public Page<RoleAssignment> findByAssignee(Assignee assignee, PageRequest page) {
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(page, "page");
        return jdbc.read("role assignments", c -> Page.of(Jdbc.query(c, SELECT
                        + "WHERE assignee_id = ? AND assignee_kind = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                assignee.id(), assignee.kind(), page.after().orElse(""), page.limit() + 1), page.limit(),
                r -> r.id().value()));
    }

    @Override
    public Page<RoleAssignment> findByRole(RoleId roleId, PageRequest page) {
        Objects.requireNonNull(roleId, "roleId");
        return pageBy("role_id", roleId.value(), page);
    }

    @Override
    public Page<RoleAssignment> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        return pageBy("org_id", orgId.value(), page);
    }

    private Page<RoleAssignment> pageBy(String column, String value, PageRequest page) {
        Objects.requireNonNull(page, "page");
        return jdbc.read("role assignments", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE " + column + " = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                value, page.after().orElse(""), page.limit() + 1), page.limit(), r -> r.id().value()));
    }

    @Override
    public int deleteByAssignee(Assignee assignee) {
        Objects.requireNonNull(assignee, "assignee");
        return jdbc.transaction("role assignments", c -> Jdbc.update(c,
                "DELETE FROM role_assignments WHERE assignee_id = ? AND assignee_kind = ?", assignee.id(),
                assignee.kind()));
    }
}
