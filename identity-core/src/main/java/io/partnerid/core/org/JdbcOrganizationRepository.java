package io.partnerid.core.org;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.jdbc.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * An {@link OrganizationRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method borrows a connection and runs in one transaction, so
 * every method is atomic. Many SDK nodes may share one database. The schema is the table {@code organizations}
 * created by the migration {@code db/partnerid/core/<vendor>/V1__organizations.sql}
 * ({@link io.partnerid.core.jdbc.PartnerIdSchema#migrate}): one row per organization, the materialized path in a
 * binary-collated column with a unique b-tree index, and an index on {@code (parent_id, id)}.
 *
 * <p>Concurrency: {@link #update} is a compare-and-set on the {@code version} column
 * ({@code UPDATE … WHERE id = ? AND version = ?}); of two concurrent updates of one organization exactly one
 * succeeds and the other fails with {@code store.conflict}. Writes that touch the shape of a tenant's tree (child
 * inserts, {@link #moveSubtree}, {@link #suspendSubtree}, {@link #resumeSubtree}) first lock the tenant's root row
 * ({@code SELECT … FOR UPDATE}), so they serialize per tenant across nodes: a subtree move or suspension never
 * misses a child inserted concurrently, and an insert whose parent moved since it was read fails with
 * {@code store.conflict} instead of leaving an orphan with a stale path. Reads take no locks.
 *
 * <p>Performance: look-ups by id are one primary-key probe; {@link #findSubtree} and {@link #countSubtree} are one
 * range scan of the path index ({@code path >= p AND path < p'}), so a page costs O(log n + page size) and a count
 * O(log n + subtree size); {@link #findRoots} and {@link #findChildren} scan the {@code (parent_id, id)} index.
 * {@link #moveSubtree}, {@link #suspendSubtree} and {@link #resumeSubtree} rewrite every row of the subtree in one
 * transaction (O(subtree size) row locks and writes), and tree writes of one tenant wait for each other. Measured
 * latencies with 100,000 organizations are in {@code docs/benchmarks.md}. Paths are limited to 2,600 characters (the
 * PostgreSQL b-tree entry limit), about 95 levels of 26-character generated ids.
 *
 * <p>Free text (name, contract reference) is stored escaped ({@code \\}, NUL and unpaired surrogates; see
 * {@code TextCodec}) so that every Java string round-trips exactly, as in the in-memory repository.
 *
 * <p>The row mapping is replaceable (pass a {@link RowMapper} over the columns {@code id, name, parent_id, path,
 * status, suspension_root, contract_ref, created_at, version}); {@link #ROW_MAPPER} is the default.
 */
public final class JdbcOrganizationRepository implements OrganizationRepository {

    /** The default mapping of an {@code organizations} row. */
    public static final RowMapper<Organization> ROW_MAPPER = rs -> new Organization(
            OrgId.of(rs.getString("id")),
            TextCodec.unescape(rs.getString("name")),
            Jdbc.optionalString(rs, "parent_id").map(OrgId::of),
            new OrgPath(rs.getString("path")),
            OrgStatus.valueOf(rs.getString("status")),
            Jdbc.optionalString(rs, "suspension_root").map(OrgId::of),
            Jdbc.optionalString(rs, "contract_ref").map(TextCodec::unescape),
            Jdbc.instant(rs, "created_at"),
            rs.getLong("version"));

    private static final String COLUMNS =
            "id, name, parent_id, path, status, suspension_root, contract_ref, created_at, version";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM organizations ";
    private static final String WHAT = "organization";

    private final Jdbc jdbc;
    private final RowMapper<Organization> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcOrganizationRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcOrganizationRepository(DataSource dataSource, RowMapper<Organization> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(Organization org) {
        Objects.requireNonNull(org, "organization");
        if (org.version() != 0) {
            throw new IllegalArgumentException("a new organization has version 0");
        }
        jdbc.transaction(WHAT + " " + org.id(), c -> {
            if (org.parentId().isPresent()) {
                lockTenants(c, List.of(org.tenant()));
                Optional<String> parentPath = Jdbc.queryOne(c, "SELECT path FROM organizations WHERE id = ?",
                        rs -> rs.getString(1), org.parentId().get().value());
                if (parentPath.isPresent() && !org.path().value().equals(parentPath.get() + org.id().value() + "/")) {
                    throw StoreErrors.conflict("parent of organization " + org.id());
                }
            }
            Jdbc.update(c, "INSERT INTO organizations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    org.id().value(), TextCodec.escape(org.name()), Jdbc.text(org.parentId()), org.path().value(),
                    org.status(), Jdbc.text(org.suspensionRoot()),
                    Jdbc.text(org.contractRef().map(TextCodec::escape)), org.createdAt());
            return null;
        });
    }

    @Override
    public Organization update(Organization org) {
        Objects.requireNonNull(org, "organization");
        return jdbc.transaction(WHAT + " " + org.id(), c -> {
            int changed = Jdbc.update(c, "UPDATE organizations SET name = ?, status = ?, suspension_root = ?, "
                            + "contract_ref = ?, version = version + 1 WHERE id = ? AND version = ?",
                    TextCodec.escape(org.name()), org.status(), Jdbc.text(org.suspensionRoot()),
                    Jdbc.text(org.contractRef().map(TextCodec::escape)), org.id().value(), org.version());
            if (changed == 0) {
                throw find(c, org.id()).isPresent() ? StoreErrors.conflict(WHAT + " " + org.id())
                        : StoreErrors.missing(WHAT + " " + org.id());
            }
            return find(c, org.id()).orElseThrow(() -> StoreErrors.missing(WHAT + " " + org.id()));
        });
    }

    @Override
    public Optional<Organization> findById(OrgId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read(WHAT + " " + id, c -> find(c, id));
    }

    private Optional<Organization> find(Connection c, OrgId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Page<Organization> findRoots(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return jdbc.read("organizations", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE parent_id IS NULL AND id > ? ORDER BY id LIMIT ?", mapper,
                page.after().orElse(""), page.limit() + 1), page.limit(), o -> o.id().value()));
    }

    @Override
    public Page<Organization> findChildren(OrgId parent, PageRequest page) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(page, "page");
        return jdbc.read("organizations", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE parent_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                parent.value(), page.after().orElse(""), page.limit() + 1), page.limit(), o -> o.id().value()));
    }

    @Override
    public Page<Organization> findSubtree(OrgPath path, PageRequest page) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(page, "page");
        String upper = Jdbc.prefixUpperBound(path.value());
        return jdbc.read("organizations", c -> {
            List<Organization> rows = page.after().isPresent()
                    ? Jdbc.query(c, SELECT + "WHERE path > ? AND path >= ? AND path < ? ORDER BY path LIMIT ?",
                            mapper, page.after().get(), path.value(), upper, page.limit() + 1)
                    : Jdbc.query(c, SELECT + "WHERE path >= ? AND path < ? ORDER BY path LIMIT ?",
                            mapper, path.value(), upper, page.limit() + 1);
            return Page.of(rows, page.limit(), o -> o.path().value());
        });
    }

    @Override
    public long countSubtree(OrgPath path) {
        Objects.requireNonNull(path, "path");
        return jdbc.read("organizations", c -> Jdbc.queryLong(c,
                "SELECT COUNT(*) FROM organizations WHERE path >= ? AND path < ?",
                path.value(), Jdbc.prefixUpperBound(path.value())));
    }

    @Override
    public int moveSubtree(OrgPath from, OrgPath to, OrgId newParent, long expectedVersion) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(newParent, "newParent");
        return jdbc.transaction("organization at " + from, c -> {
            lockTenants(c, List.of(from.root(), to.root()));
            Optional<Long> version = Jdbc.queryOne(c, "SELECT version FROM organizations WHERE path = ? FOR UPDATE",
                    rs -> rs.getLong(1), from.value());
            if (version.isEmpty()) {
                throw StoreErrors.missing("organization at " + from);
            }
            if (version.get() != expectedVersion) {
                throw StoreErrors.conflict("organization at " + from);
            }
            int moved = Jdbc.update(c, "UPDATE organizations SET path = CAST(? AS VARCHAR(2600)) || SUBSTRING(path, ?), "
                            + "parent_id = CASE WHEN path = ? THEN ? ELSE parent_id END, version = version + 1 "
                            + "WHERE path >= ? AND path < ?",
                    to.value(), from.value().length() + 1, from.value(), newParent.value(),
                    from.value(), Jdbc.prefixUpperBound(from.value()));
            bumpStatusVersion(c);
            return moved;
        });
    }

    @Override
    public long statusVersion() {
        return jdbc.read("organization status version", c -> Jdbc.queryOne(c,
                "SELECT version FROM organization_status_version WHERE id = 1", rs -> rs.getLong(1))).orElse(0L);
    }

    /**
     * Increments the deployment's status counter inside the caller's transaction (after the tenant lock). The
     * migration inserts the row; should it have been deleted (a truncated table), the first change recreates it.
     */
    private static void bumpStatusVersion(Connection c) throws SQLException {
        if (Jdbc.update(c, "UPDATE organization_status_version SET version = version + 1 WHERE id = 1") == 0) {
            Jdbc.update(c, "INSERT INTO organization_status_version (id, version) VALUES (1, 1)");
        }
    }

    @Override
    public List<OrgId> suspendSubtree(OrgPath path, OrgId suspensionRoot) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(suspensionRoot, "suspensionRoot");
        return changeStatus(path, "status = 'ACTIVE'", new Object[0],
                "status = 'SUSPENDED', suspension_root = ?", suspensionRoot.value());
    }

    @Override
    public List<OrgId> resumeSubtree(OrgPath path, OrgId suspensionRoot) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(suspensionRoot, "suspensionRoot");
        return changeStatus(path, "suspension_root = ?", new Object[] {suspensionRoot.value()},
                "status = 'ACTIVE', suspension_root = NULL", null);
    }

    /**
     * Locks every row of the subtree (after the tenant lock, so the set cannot grow or shrink), then changes the
     * rows matching {@code condition} with one statement; returns their ids in path order.
     */
    private List<OrgId> changeStatus(OrgPath path, String condition, Object[] conditionParams, String assignment,
                                     String assignmentParam) {
        String upper = Jdbc.prefixUpperBound(path.value());
        return jdbc.transaction("organizations at " + path, c -> {
            lockTenants(c, List.of(path.root()));
            Object[] rangeThenCondition = concat(new Object[] {path.value(), upper}, conditionParams);
            List<OrgId> changing = Jdbc.query(c, "SELECT id FROM organizations WHERE path >= ? AND path < ? AND "
                    + condition + " ORDER BY path FOR UPDATE", rs -> OrgId.of(rs.getString(1)), rangeThenCondition);
            if (changing.isEmpty()) {
                return List.of();
            }
            Object[] params = concat(assignmentParam == null ? new Object[0] : new Object[] {assignmentParam},
                    rangeThenCondition);
            int changed = Jdbc.update(c, "UPDATE organizations SET " + assignment + ", version = version + 1 "
                    + "WHERE path >= ? AND path < ? AND " + condition, params);
            bumpStatusVersion(c);
            if (changed != changing.size()) {
                // cannot happen while the tenant lock is held; refuse rather than report a wrong set
                throw StoreErrors.conflict("organizations at " + path);
            }
            return List.copyOf(changing);
        });
    }

    /** Locks the root rows of the given tenants, in id order (no deadlock between two writers). */
    private static void lockTenants(Connection c, List<OrgId> tenants) throws SQLException {
        for (OrgId tenant : new TreeSet<>(tenants)) {
            Jdbc.query(c, "SELECT id FROM organizations WHERE id = ? FOR UPDATE", rs -> rs.getString(1),
                    tenant.value());
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        List<Object> all = new ArrayList<>(a.length + b.length);
        all.addAll(List.of(a));
        all.addAll(List.of(b));
        return all.toArray();
    }
}
