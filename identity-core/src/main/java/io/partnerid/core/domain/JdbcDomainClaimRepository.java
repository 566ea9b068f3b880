package io.partnerid.core.domain;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link DomainClaimRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Table {@code domain_claims} of migration {@code db/partnerid/core/<vendor>/V8__domain_claims.sql}, keyed
 * by {@code (org_id, domain)}. The rule "at most one VERIFIED claim per domain" is the unique index on
 * {@code verified_domain}, a column that holds the domain exactly when the claim is verified and NULL otherwise
 * (portable form of a partial unique index): two organizations verifying the same domain at the same moment cannot
 * both win, on any number of nodes; the loser gets {@code store.duplicate}. {@link #update} is a compare-and-set on
 * the {@code version} column.
 *
 * <p>Performance: {@link #find} and {@link #findVerified} (the routing path) are single index probes;
 * {@link #findByOrg} pages through the primary key. The row mapping is replaceable ({@link #ROW_MAPPER} is the
 * default).
 */
public final class JdbcDomainClaimRepository implements DomainClaimRepository {

    /** The default mapping of a {@code domain_claims} row. */
    public static final RowMapper<DomainClaim> ROW_MAPPER = rs -> new DomainClaim(
            OrgId.of(rs.getString("org_id")),
            new DomainName(rs.getString("domain")),
            DomainClaim.Status.valueOf(rs.getString("status")),
            rs.getString("challenge"),
            Jdbc.instant(rs, "created_at"),
            Jdbc.optionalInstant(rs, "verified_at"),
            Jdbc.instant(rs, "challenge_expires_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT org_id, domain, status, challenge, created_at, verified_at, "
            + "challenge_expires_at, version FROM domain_claims ";

    private final Jdbc jdbc;
    private final RowMapper<DomainClaim> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcDomainClaimRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcDomainClaimRepository(DataSource dataSource, RowMapper<DomainClaim> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    private static Object verifiedDomain(DomainClaim claim) {
        return claim.isVerified() ? claim.domain().value() : Jdbc.Null.VARCHAR;
    }

    @Override
    public void insert(DomainClaim claim) {
        Objects.requireNonNull(claim, "claim");
        if (claim.version() != 0) {
            throw new IllegalArgumentException("a new claim has version 0");
        }
        jdbc.transaction("claim of " + claim.orgId() + " on " + claim.domain(), c -> Jdbc.update(c,
                "INSERT INTO domain_claims (org_id, domain, status, challenge, created_at, verified_at, "
                        + "challenge_expires_at, verified_domain, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                claim.orgId().value(), claim.domain().value(), claim.status(), claim.challenge(), claim.createdAt(),
                Jdbc.timestamp(claim.verifiedAt()), claim.challengeExpiresAt(), verifiedDomain(claim)));
    }

    @Override
    public DomainClaim update(DomainClaim claim) {
        Objects.requireNonNull(claim, "claim");
        String what = "claim of " + claim.orgId() + " on " + claim.domain();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c, "UPDATE domain_claims SET status = ?, challenge = ?, created_at = ?, "
                            + "verified_at = ?, challenge_expires_at = ?, verified_domain = ?, version = version + 1 "
                            + "WHERE org_id = ? AND domain = ? AND version = ?",
                    claim.status(), claim.challenge(), claim.createdAt(), Jdbc.timestamp(claim.verifiedAt()),
                    claim.challengeExpiresAt(), verifiedDomain(claim), claim.orgId().value(), claim.domain().value(),
                    claim.version());
            if (changed == 0) {
                throw find(c, claim.orgId(), claim.domain()).isPresent() ? StoreErrors.conflict(what)
                        : StoreErrors.missing(what);
            }
            return find(c, claim.orgId(), claim.domain()).orElseThrow(() -> StoreErrors.missing(what));
        });
    }

    @Override
    public Optional<DomainClaim> find(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        return jdbc.read("domain claim", c -> find(c, orgId, domain));
    }

    private Optional<DomainClaim> find(Connection c, OrgId orgId, DomainName domain) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE org_id = ? AND domain = ?", mapper, orgId.value(), domain.value());
    }

    @Override
    public Optional<DomainClaim> findVerified(DomainName domain) {
        Objects.requireNonNull(domain, "domain");
        return jdbc.read("domain claim", c -> Jdbc.queryOne(c, SELECT + "WHERE verified_domain = ?", mapper,
                domain.value()));
    }

    @Override
    public Page<DomainClaim> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("domain claims", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND domain > ? ORDER BY domain LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), d -> d.domain().value()));
    }

    @Override
    public boolean delete(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        return jdbc.transaction("domain claim", c -> Jdbc.update(c,
                "DELETE FROM domain_claims WHERE org_id = ? AND domain = ?", orgId.value(), domain.value())) > 0;
    }
}
