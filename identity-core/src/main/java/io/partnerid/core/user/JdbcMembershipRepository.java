package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link MembershipRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method is one statement in its own transaction. Table
 * {@code memberships} of migration {@code db/partnerid/core/<vendor>/V4__users.sql}, keyed by
 * {@code (user_id, org_id)} (a second insert of the pair fails with {@code store.duplicate}, on any node), with an
 * {@code (org_id, user_id)} index for the listing by organization. Memberships are immutable (no version column).
 * Every look-up is one index probe or one index range scan per page. The row mapping is replaceable
 * ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcMembershipRepository implements MembershipRepository {

    /** The default mapping of a {@code memberships} row. */
    public static final RowMapper<Membership> ROW_MAPPER = rs -> new Membership(
            UserId.of(rs.getString("user_id")),
            OrgId.of(rs.getString("org_id")),
            Jdbc.instant(rs, "since"));

    private static final String SELECT = "SELECT user_id, org_id, since FROM memberships ";

    private final Jdbc jdbc;
    private final RowMapper<Membership> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcMembershipRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcMembershipRepository(DataSource dataSource, RowMapper<Membership> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(Membership membership) {
        Objects.requireNonNull(membership, "membership");
        jdbc.transaction("membership of " + membership.userId(), c -> Jdbc.update(c,
                "INSERT INTO memberships (user_id, org_id, since) VALUES (?, ?, ?)",
                membership.userId().value(), membership.orgId().value(), membership.since()));
    }

    @Override
    public boolean delete(UserId userId, OrgId orgId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        return jdbc.transaction("membership of " + userId, c -> Jdbc.update(c,
                "DELETE FROM memberships WHERE user_id = ? AND org_id = ?", userId.value(), orgId.value())) > 0;
    }

    @Override
    public Optional<Membership> find(UserId userId, OrgId orgId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        return jdbc.read("membership of " + userId, c -> Jdbc.queryOne(c,
                SELECT + "WHERE user_id = ? AND org_id = ?", mapper, userId.value(), orgId.value()));
    }

    @Override
    public Page<Membership> findByUser(UserId userId, PageRequest page) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("memberships", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE user_id = ? AND org_id > ? ORDER BY org_id LIMIT ?", mapper,
                userId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), m -> m.orgId().value()));
    }

    @Override
    public Page<Membership> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("memberships", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND user_id > ? ORDER BY user_id LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), m -> m.userId().value()));
    }
}
