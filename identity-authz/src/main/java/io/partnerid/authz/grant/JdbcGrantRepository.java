package io.partnerid.authz.grant;

import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link GrantRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method is one short transaction. Schema: tables
 * {@code authz_grants} and {@code authz_grant_assignments} of migration
 * {@code db/partnerid/authz/<vendor>/V2__cross_org_grants.sql} and the one-row counter {@code authz_grant_version}
 * of {@code V4__grant_version.sql}, applied by {@code PartnerIdSchema.migrate(dataSource, "authz")}.
 *
 * <p>Concurrency across nodes: {@link #saveGrant} updates the row or inserts it ({@code ON CONFLICT DO NOTHING},
 * then updates again when another node inserted first), so concurrent upserts never fail and the last one wins.
 {@link #saveAssignment} and {@link #deleteGrant} both lock the grant row ({@code SELECT … FOR UPDATE}) first:
 * an assignment either commits before the revocation (and is deleted and reported by it) or finds the grant gone
 * ({@code store.missing}); an assignment never outlives its grant. Assignments to one grant therefore run one at
 * a time (an administrative, low-rate path); different grants do not contend.
 *
 * <p>Version: {@link #saveGrant} and a {@link #deleteGrant} that removed a grant end their transaction with
 * {@code UPDATE authz_grant_version SET version = version + 1}, so the counter commits with the change or not at
 * all. The row lock also serializes grant writers (saves and revocations, not assignments) across nodes; it is always
 * taken after the grant row, so the two locks never deadlock. {@link #version()} is a primary-key read of that row; a
 * missing row reads as 0 and is re-created by the next write (the migration seeds it).
 *
 * <p>Performance: {@link #findGrant} is a primary-key look-up; {@link #listGrants} a keyset range of the primary key,
 * a page at a time; {@link #assignmentsOf} one range scan of the {@code (subject_org, subject_id, grant_id, role)}
 * index, at most {@link #MAX_ASSIGNMENTS_PER_SUBJECT} rows; {@link #deleteGrant} reads and deletes every assignment
 * of the grant in one transaction (row locks and WAL proportional to the grant's assignments). Ids, grantor and
 * grantee, subject ids and role names are at most 255 characters (subject organizations 64), which keeps every key
 * within the index entry limit; longer values fail with {@code store.failure}. Row mapping is replaceable
 * ({@link #GRANT_MAPPER}, {@link #ASSIGNMENT_MAPPER}).
 */
public final class JdbcGrantRepository implements GrantRepository {

    /** The default mapping of an {@code authz_grants} row. */
    public static final RowMapper<GrantDef> GRANT_MAPPER = rs -> new GrantDef(rs.getString("id"),
            rs.getString("grantor"), rs.getString("grantee"), decodeList(rs.getString("roles")),
            decodeList(rs.getString("resource_types")), Jdbc.optionalInstant(rs, "not_before"),
            Jdbc.optionalInstant(rs, "not_after"));

    /** The default mapping of an {@code authz_grant_assignments} row. */
    public static final RowMapper<GrantAssignment> ASSIGNMENT_MAPPER = rs -> new GrantAssignment(
            rs.getString("grant_id"), OrgId.of(rs.getString("subject_org")), rs.getString("subject_id"),
            rs.getString("role"), Jdbc.instant(rs, "assigned_at"), rs.getString("assigned_by"));

    private static final String SELECT_GRANT = "SELECT id, grantor, grantee, roles, resource_types, not_before, "
            + "not_after FROM authz_grants ";
    private static final String SELECT_ASSIGNMENT = "SELECT grant_id, subject_org, subject_id, role, assigned_at, "
            + "assigned_by FROM authz_grant_assignments ";

    private final Jdbc jdbc;
    private final RowMapper<GrantDef> grantMapper;
    private final RowMapper<GrantAssignment> assignmentMapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcGrantRepository(DataSource dataSource) {
        this(dataSource, GRANT_MAPPER, ASSIGNMENT_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with the given mappers. */
    public JdbcGrantRepository(DataSource dataSource, RowMapper<GrantDef> grantMapper,
                               RowMapper<GrantAssignment> assignmentMapper) {
        this.jdbc = new Jdbc(dataSource);
        this.grantMapper = Objects.requireNonNull(grantMapper, "grantMapper");
        this.assignmentMapper = Objects.requireNonNull(assignmentMapper, "assignmentMapper");
    }

    @Override
    public void saveGrant(GrantDef grant) {
        Objects.requireNonNull(grant, "grant");
        Object[] values = {grant.grantor(), grant.grantee(), encodeList(grant.roles()),
            encodeList(grant.resourceTypes()), Jdbc.timestamp(grant.notBefore()), Jdbc.timestamp(grant.notAfter()),
            grant.id()};
        jdbc.transaction("grant " + grant.id(), c -> {
            if (update(c, values) == 0) {
                int inserted = Jdbc.update(c, "INSERT INTO authz_grants (grantor, grantee, roles, resource_types, "
                        + "not_before, not_after, id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", values);
                if (inserted == 0) {
                    update(c, values); // another node inserted it meanwhile: last writer wins
                }
            }
            bumpVersion(c); // last: commits with the change, and the grant row is always locked first
            return null;
        });
    }

    /** Adds one to the grant-set version inside the caller's transaction (re-creating a missing row). */
    private static void bumpVersion(Connection c) throws SQLException {
        if (Jdbc.update(c, "UPDATE authz_grant_version SET version = version + 1 WHERE id = 1") > 0) {
            return;
        }
        if (Jdbc.update(c, "INSERT INTO authz_grant_version (id, version) VALUES (1, 1) "
                + "ON CONFLICT DO NOTHING") == 0) {
            Jdbc.update(c, "UPDATE authz_grant_version SET version = version + 1 WHERE id = 1");
        }
    }

    private static int update(Connection c, Object[] values) throws SQLException {
        return Jdbc.update(c, "UPDATE authz_grants SET grantor = ?, grantee = ?, roles = ?, resource_types = ?, "
                + "not_before = ?, not_after = ? WHERE id = ?", values);
    }

    @Override
    public Optional<GrantDef> findGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return jdbc.read("grant " + grantId, c -> Jdbc.queryOne(c, SELECT_GRANT + "WHERE id = ?", grantMapper,
                grantId));
    }

    @Override
    public Page<GrantDef> listGrants(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return jdbc.read("grants", c -> Page.of(page.after().isPresent()
                ? Jdbc.query(c, SELECT_GRANT + "WHERE id > ? ORDER BY id LIMIT ?", grantMapper, page.after().get(),
                        page.limit() + 1)
                : Jdbc.query(c, SELECT_GRANT + "ORDER BY id LIMIT ?", grantMapper, page.limit() + 1),
                page.limit(), GrantDef::id));
    }

    @Override
    public void saveAssignment(GrantAssignment a) {
        Objects.requireNonNull(a, "assignment");
        jdbc.transaction("assignment of grant " + a.grantId(), c -> {
            if (lockGrant(c, a.grantId()).isEmpty()) {
                throw StoreErrors.missing("grant " + a.grantId());
            }
            return Jdbc.update(c, "INSERT INTO authz_grant_assignments (grant_id, subject_org, subject_id, role, "
                            + "assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    a.grantId(), a.subjectOrg().value(), a.subjectId(), a.role(), a.assignedAt(), a.assignedBy());
        });
    }

    private static Optional<String> lockGrant(Connection c, String grantId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT id FROM authz_grants WHERE id = ? FOR UPDATE", rs -> rs.getString(1),
                grantId);
    }

    @Override
    public List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId) {
        Objects.requireNonNull(subjectOrg, "subjectOrg");
        Objects.requireNonNull(subjectId, "subjectId");
        return jdbc.read("assignments", c -> Jdbc.query(c, SELECT_ASSIGNMENT
                        + "WHERE subject_org = ? AND subject_id = ? ORDER BY grant_id, role LIMIT ?",
                assignmentMapper, subjectOrg.value(), subjectId, MAX_ASSIGNMENTS_PER_SUBJECT));
    }

    @Override
    public List<GrantAssignment> deleteGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return jdbc.transaction("grant " + grantId, c -> {
            if (lockGrant(c, grantId).isEmpty()) {
                return List.of();
            }
            List<GrantAssignment> removed = Jdbc.query(c, SELECT_ASSIGNMENT
                    + "WHERE grant_id = ? ORDER BY subject_org, subject_id, role", assignmentMapper, grantId);
            Jdbc.update(c, "DELETE FROM authz_grant_assignments WHERE grant_id = ?", grantId);
            Jdbc.update(c, "DELETE FROM authz_grants WHERE id = ?", grantId);
            bumpVersion(c);
            return List.copyOf(removed);
        });
    }

    @Override
    public long version() {
        return jdbc.read("grant version", c -> Jdbc.queryLong(c,
                "SELECT version FROM authz_grant_version WHERE id = 1"));
    }

    /** Encodes an ordered list as concatenated {@code <length>:<text>} elements. */
    static String encodeList(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            out.append(v.length()).append(':').append(v);
        }
        return out.toString();
    }

    /** Decodes {@link #encodeList}; a malformed value is a store fault. */
    static List<String> decodeList(String encoded) throws SQLException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < encoded.length()) {
            int colon = encoded.indexOf(':', i);
            if (colon <= i) {
                throw new SQLException("malformed list column");
            }
            int length;
            try {
                length = Integer.parseInt(encoded, i, colon, 10);
            } catch (NumberFormatException e) {
                throw new SQLException("malformed list column", e);
            }
            if (length < 0 || colon + 1 + length > encoded.length()) {
                throw new SQLException("malformed list column");
            }
            out.add(encoded.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return out;
    }
}
