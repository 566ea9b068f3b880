package io.partnerid.core.user;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link FederatedIdentityRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain
 * JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method is one statement in its own transaction. Table
 * {@code federated_identities} of migrations {@code db/partnerid/core/<vendor>/V4__users.sql} and
 * {@code V13__federated_identities_per_tenant.sql}, keyed by {@code (tenant_id, issuer, subject)} in binary
 * collation: the pair is compared exactly (case-sensitive, no normalization) and is unique within a tenant, so two
 * nodes linking the same external identity in one tenant at once cannot both succeed, while another tenant's link
 * of the same pair is a different row. Links are immutable (no version column).
 *
 * <p>Performance: {@link #find} (every federated login) is one primary-key probe; {@link #findByUser} pages through
 * the {@code (user_id, issuer, subject, tenant_id)} index with a keyset cursor (base64url of issuer, subject and
 * tenant, the same form as the in-memory repository). Ordering is binary: UTF-16 order in H2 and the in-memory repository, UTF-8 byte order
 * on PostgreSQL; the two differ only between supplementary characters and U+E000–U+FFFF, which issuer URLs and
 * subjects do not mix in practice. The row mapping is replaceable ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcFederatedIdentityRepository implements FederatedIdentityRepository {

    /** The default mapping of a {@code federated_identities} row. */
    public static final RowMapper<FederatedIdentity> ROW_MAPPER = rs -> new FederatedIdentity(
            OrgId.of(rs.getString("tenant_id")),
            rs.getString("issuer"),
            rs.getString("subject"),
            UserId.of(rs.getString("user_id")),
            PoolId.of(rs.getString("pool_id")),
            OrgId.of(rs.getString("org_id")),
            Jdbc.instant(rs, "linked_at"));

    private static final String SELECT = "SELECT tenant_id, issuer, subject, user_id, pool_id, org_id, linked_at "
            + "FROM federated_identities ";

    private final Jdbc jdbc;
    private final RowMapper<FederatedIdentity> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcFederatedIdentityRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcFederatedIdentityRepository(DataSource dataSource, RowMapper<FederatedIdentity> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(FederatedIdentity link) {
        Objects.requireNonNull(link, "link");
        jdbc.transaction("federated identity", c -> Jdbc.update(c, "INSERT INTO federated_identities (tenant_id, "
                        + "issuer, subject, user_id, pool_id, org_id, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                link.tenant().value(), link.issuer(), link.subject(), link.userId().value(), link.poolId().value(), link.orgId().value(),
                link.linkedAt()));
    }

    @Override
    public boolean delete(OrgId tenant, String issuer, String subject) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        return jdbc.transaction("federated identity", c -> Jdbc.update(c,
                "DELETE FROM federated_identities WHERE tenant_id = ? AND issuer = ? AND subject = ?",
                tenant.value(), issuer, subject)) > 0;
    }

    @Override
    public Optional<FederatedIdentity> find(OrgId tenant, String issuer, String subject) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        return jdbc.read("federated identity", c -> Jdbc.queryOne(c,
                SELECT + "WHERE tenant_id = ? AND issuer = ? AND subject = ?", mapper, tenant.value(), issuer,
                subject));
    }

    @Override
    public Page<FederatedIdentity> findByUser(UserId userId, PageRequest page) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("federated identities", c -> {
            List<FederatedIdentity> rows;
            if (page.after().isPresent()) {
                String[] key = parseCursor(page.after().get());
                rows = Jdbc.query(c, SELECT + "WHERE user_id = ? AND (issuer > ? OR (issuer = ? AND (subject > ? "
                        + "OR (subject = ? AND tenant_id > ?)))) ORDER BY issuer, subject, tenant_id LIMIT ?", mapper,
                        userId.value(), key[0], key[0], key[1], key[1], key[2], page.limit() + 1);
            } else {
                rows = Jdbc.query(c, SELECT + "WHERE user_id = ? ORDER BY issuer, subject, tenant_id LIMIT ?",
                        mapper, userId.value(), page.limit() + 1);
            }
            return Page.of(rows, page.limit(), JdbcFederatedIdentityRepository::cursor);
        });
    }

    @Override
    public int deleteByUser(UserId userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.transaction("federated identities", c -> Jdbc.update(c,
                "DELETE FROM federated_identities WHERE user_id = ?", userId.value()));
    }

    private static String cursor(FederatedIdentity link) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(link.issuer().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(link.subject().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(link.tenant().value().getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parseCursor(String cursor) {
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed cursor");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        return new String[] {new String(b64.decode(parts[0]), StandardCharsets.UTF_8),
                new String(b64.decode(parts[1]), StandardCharsets.UTF_8),
                new String(b64.decode(parts[2]), StandardCharsets.UTF_8)};
    }
}
