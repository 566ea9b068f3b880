package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link AccessRequestRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Table {@code access_requests} of migration
 * {@code db/partnerid/core/<vendor>/V10__access_requests_invitations.sql}. {@link #update} is a compare-and-set on
 * the {@code version} column, so two admins deciding one request at once (on any nodes) cannot both succeed.
 *
 * <p>Performance: {@link #findPendingByOrg}, {@link #findByRequester} and {@link #findPendingExpiredAt} (the expiry
 * sweep) are range scans of the {@code (org_id, status, id)}, {@code (requester, id)} and
 * {@code (status, expires_at, id)} indexes. The justification is stored escaped so that every string round-trips
 * exactly. The row mapping is replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcAccessRequestRepository implements AccessRequestRepository {

    /** The default mapping of an {@code access_requests} row. */
    public static final RowMapper<AccessRequest> ROW_MAPPER = rs -> new AccessRequest(
            new AccessRequestId(rs.getString("id")),
            UserId.of(rs.getString("requester")),
            OrgId.of(rs.getString("org_id")),
            RoleId.of(rs.getString("role_id")),
            TextCodec.unescape(rs.getString("justification")),
            Jdbc.optionalInstant(rs, "access_until"),
            AccessRequest.Status.valueOf(rs.getString("status")),
            Jdbc.instant(rs, "created_at"),
            Jdbc.instant(rs, "expires_at"),
            rs.getString("decided_by_type") == null ? Optional.empty()
                    : Optional.of(Jdbc.actor(rs, "decided_by_type", "decided_by_id")),
            Jdbc.optionalInstant(rs, "decided_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT id, requester, org_id, role_id, justification, access_until, "
            + "status, created_at, expires_at, decided_by_type, decided_by_id, decided_at, version "
            + "FROM access_requests ";

    private final Jdbc jdbc;
    private final RowMapper<AccessRequest> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcAccessRequestRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcAccessRequestRepository(DataSource dataSource, RowMapper<AccessRequest> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(AccessRequest r) {
        Objects.requireNonNull(r, "request");
        if (r.version() != 0) {
            throw new IllegalArgumentException("a new request has version 0");
        }
        jdbc.transaction("access request " + r.id(), c -> Jdbc.update(c, "INSERT INTO access_requests (id, "
                        + "requester, org_id, role_id, justification, access_until, status, created_at, expires_at, "
                        + "decided_by_type, decided_by_id, decided_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                r.id().value(), r.requester().value(), r.orgId().value(), r.roleId().value(),
                TextCodec.escape(r.justification()), Jdbc.timestamp(r.accessUntil()), r.status(), r.createdAt(),
                r.expiresAt(), Jdbc.text(r.decidedBy().map(Actor::type)), Jdbc.text(r.decidedBy().map(Actor::id)),
                Jdbc.timestamp(r.decidedAt())));
    }

    @Override
    public AccessRequest update(AccessRequest r) {
        Objects.requireNonNull(r, "request");
        String what = "access request " + r.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c, "UPDATE access_requests SET requester = ?, org_id = ?, role_id = ?, "
                            + "justification = ?, access_until = ?, status = ?, created_at = ?, expires_at = ?, "
                            + "decided_by_type = ?, decided_by_id = ?, decided_at = ?, version = version + 1 "
                            + "WHERE id = ? AND version = ?",
                    r.requester().value(), r.orgId().value(), r.roleId().value(), TextCodec.escape(r.justification()),
                    Jdbc.timestamp(r.accessUntil()), r.status(), r.createdAt(), r.expiresAt(),
                    Jdbc.text(r.decidedBy().map(Actor::type)), Jdbc.text(r.decidedBy().map(Actor::id)),
                    Jdbc.timestamp(r.decidedAt()), r.id().value(), r.version());
            return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, r.id()));
        });
    }

    @Override
    public Optional<AccessRequest> findById(AccessRequestId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("access request " + id, c -> find(c, id));
    }

    private Optional<AccessRequest> find(Connection c, AccessRequestId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Page<AccessRequest> findPendingByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("access requests", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND status = 'PENDING' AND id > ? ORDER BY id LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), r -> r.id().value()));
    }

    @Override
    public Page<AccessRequest> findByRequester(UserId requester, PageRequest page) {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(page, "page");
        return jdbc.read("access requests", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE requester = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                requester.value(), page.after().orElse(""), page.limit() + 1), page.limit(), r -> r.id().value()));
    }

    @Override
    public List<AccessRequest> findPendingExpiredAt(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return jdbc.read("access requests", c -> Jdbc.query(c,
                SELECT + "WHERE status = 'PENDING' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?", mapper,
                now, limit));
    }
}
