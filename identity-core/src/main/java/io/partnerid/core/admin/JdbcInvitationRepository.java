package io.partnerid.core.admin;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * An {@link InvitationRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Table {@code invitations} of migration
 * {@code db/partnerid/core/<vendor>/V10__access_requests_invitations.sql}; only the hex SHA-256 of a token is stored,
 * with a unique index (a token hash names one invitation). {@link #update} changes status and accepting user as a
 * compare-and-set on the {@code version} column, which makes redemption single-use across nodes: of two concurrent
 * redemptions only one moves the invitation out of PENDING.
 *
 * <p>Performance: {@link #findByTokenHash} (every redemption) is one unique-index probe; {@link #findByOrg} pages
 * through the {@code (org_id, id)} index. The row mapping is replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcInvitationRepository implements InvitationRepository {

    /** The default mapping of an {@code invitations} row. */
    public static final RowMapper<Invitation> ROW_MAPPER = rs -> new Invitation(
            new InvitationId(rs.getString("id")),
            OrgId.of(rs.getString("org_id")),
            PoolId.of(rs.getString("pool_id")),
            TextCodec.unescape(rs.getString("email")),
            TextCodec.decodeList(rs.getString("roles")).stream().map(RoleId::of).collect(Collectors.toSet()),
            rs.getString("token_hash"),
            Invitation.Status.valueOf(rs.getString("status")),
            Jdbc.actor(rs, "invited_by_type", "invited_by_id"),
            Jdbc.instant(rs, "created_at"),
            Jdbc.instant(rs, "expires_at"),
            Jdbc.optionalString(rs, "accepted_by").map(UserId::of),
            rs.getLong("version"));

    private static final String SELECT = "SELECT id, org_id, pool_id, email, roles, token_hash, status, "
            + "invited_by_type, invited_by_id, created_at, expires_at, accepted_by, version FROM invitations ";

    private final Jdbc jdbc;
    private final RowMapper<Invitation> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcInvitationRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcInvitationRepository(DataSource dataSource, RowMapper<Invitation> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(Invitation i) {
        Objects.requireNonNull(i, "invitation");
        if (i.version() != 0) {
            throw new IllegalArgumentException("a new invitation has version 0");
        }
        jdbc.transaction("invitation " + i.id(), c -> Jdbc.update(c, "INSERT INTO invitations (id, org_id, pool_id, "
                        + "email, roles, token_hash, status, invited_by_type, invited_by_id, created_at, expires_at, "
                        + "accepted_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                i.id().value(), i.orgId().value(), i.poolId().value(), TextCodec.escape(i.email()), roles(i.roles()),
                i.tokenHash(), i.status(), i.invitedBy().type(), i.invitedBy().id(), i.createdAt(), i.expiresAt(),
                Jdbc.text(i.acceptedBy().map(UserId::value))));
    }

    @Override
    public Invitation update(Invitation i) {
        Objects.requireNonNull(i, "invitation");
        String what = "invitation " + i.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c, "UPDATE invitations SET status = ?, accepted_by = ?, version = version + 1 "
                            + "WHERE id = ? AND version = ?",
                    i.status(), Jdbc.text(i.acceptedBy().map(UserId::value)), i.id().value(), i.version());
            return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, i.id()));
        });
    }

    @Override
    public Optional<Invitation> findById(InvitationId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("invitation " + id, c -> find(c, id));
    }

    private Optional<Invitation> find(Connection c, InvitationId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Optional<Invitation> findByTokenHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return jdbc.read("invitation", c -> Jdbc.queryOne(c, SELECT + "WHERE token_hash = ?", mapper, tokenHash));
    }

    @Override
    public Page<Invitation> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("invitations", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), i -> i.id().value()));
    }

    private static String roles(Set<RoleId> roles) {
        return TextCodec.encodeList(roles.stream().map(RoleId::value).collect(Collectors.toCollection(TreeSet::new)));
    }
}
