package io.partnerid.benchmarks.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.admin.AdminGrant;
import io.partnerid.core.admin.AdminGrantRepository;
import io.partnerid.core.admin.JdbcAdminGrantRepository;
import io.partnerid.core.audit.AdminOperationEvent;
import io.partnerid.core.audit.AuditLog;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.audit.JdbcAuditLog;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.JdbcOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.user.JdbcUserRepository;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDBC repositories on a real (embedded) PostgreSQL holding 100,000 organizations and 1,000,000 users:
 * latency of a subtree page, a user look-up and an administrative operation, as percentiles (JMH
 * {@link Mode#SampleTime}: p50, p99 and more in the report).
 *
 * <p>Not thread-safe by itself; JMH gives each trial one state. Data: 100 tenants of 1,000 organizations each (a
 * root, 9 divisions, 90 departments, 900 teams; 4 levels), 1,000,000 users in 1,000 pools. Loading uses JDBC
 * batches rewritten into multi-row inserts (about a minute); it happens once per fork, before warm-up.
 *
 * <p>Run (see docs/benchmarks.md): {@code java -jar benchmarks/target/benchmarks.jar PersistenceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class PersistenceBenchmark {

    static final int TENANTS = 100;
    static final int DIVISIONS = 9;
    static final int DEPARTMENTS = 10;
    static final int TEAMS = 10;
    static final int ORGS_PER_TENANT = 1 + DIVISIONS + DIVISIONS * DEPARTMENTS + DIVISIONS * DEPARTMENTS * TEAMS;
    static final int USERS = 1_000_000;
    static final int POOLS = 1_000;
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private OrganizationRepository orgs;
    private AdminGrantRepository grants;
    private AuditLog audit;
    private UserRepository users;

    @Setup(Level.Trial)
    public void load() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        DataSource loader = postgres.getDatabase("postgres", "postgres", Map.of("reWriteBatchedInserts", "true"));
        PartnerIdSchema.migrate(loader);
        long start = System.nanoTime();
        loadOrganizations(loader);
        loadAdminGrants(loader);
        loadUsers(loader);
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
        System.out.printf("%nloaded %,d organizations and %,d users in %d s%n", TENANTS * ORGS_PER_TENANT, USERS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));

        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres.getPostgresDatabase());
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
        orgs = new JdbcOrganizationRepository(pool);
        grants = new JdbcAdminGrantRepository(pool);
        audit = new JdbcAuditLog(pool);
        users = new JdbcUserRepository(pool);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        pool.close();
        postgres.close();
    }

    static String tenantId(int t) {
        return "tenant" + t;
    }

    static OrgPath divisionPath(int t, int d) {
        return new OrgPath("/" + tenantId(t) + "/t" + t + "d" + d + "/");
    }

    private static void loadOrganizations(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO organizations (id, name, parent_id, path, "
                    + "status, suspension_root, contract_ref, created_at, version) "
                    + "VALUES (?, ?, ?, ?, 'ACTIVE', NULL, NULL, ?, 0)")) {
                OffsetDateTime created = OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC);
                int batched = 0;
                for (int t = 0; t < TENANTS; t++) {
                    String root = tenantId(t);
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {root, null, "/" + root + "/"});
                    for (int d = 0; d < DIVISIONS; d++) {
                        String div = "t" + t + "d" + d;
                        String divPath = "/" + root + "/" + div + "/";
                        rows.add(new String[] {div, root, divPath});
                        for (int p = 0; p < DEPARTMENTS; p++) {
                            String dep = div + "p" + p;
                            String depPath = divPath + dep + "/";
                            rows.add(new String[] {dep, div, depPath});
                            for (int m = 0; m < TEAMS; m++) {
                                String team = dep + "m" + m;
                                rows.add(new String[] {team, dep, depPath + team + "/"});
                            }
                        }
                    }
                    for (String[] row : rows) {
                        ps.setString(1, row[0]);
                        ps.setString(2, "Org " + row[0]);
                        ps.setString(3, row[1]);
                        ps.setString(4, row[2]);
                        ps.setObject(5, created);
                        ps.addBatch();
                        if (++batched % 5_000 == 0) {
                            ps.executeBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** One admin per division: the principal {@code user:admin-t-d} administers division d of tenant t. */
    private static void loadAdminGrants(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_grants (id, principal_type, "
                    + "principal_id, scope_org_id, capabilities, granted_by_type, granted_by_id, created_at) "
                    + "VALUES (?, 'USER', ?, ?, 'MANAGE_ORGANIZATIONS,MANAGE_USERS', 'SYSTEM', 'bootstrap', ?)")) {
                for (int t = 0; t < TENANTS; t++) {
                    for (int d = 0; d < DIVISIONS; d++) {
                        ps.setString(1, "grant-" + t + "-" + d);
                        ps.setString(2, "admin-" + t + "-" + d);
                        ps.setString(3, "t" + t + "d" + d);
                        ps.setObject(4, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    static String userId(int n) {
        return "u" + n;
    }

    static PoolId poolOf(int n) {
        return PoolId.of("pool" + (n % POOLS));
    }

    /** 1,000,000 users in 1,000 pools; pool p belongs to department p % 90 of tenant p % 100. */
    private static void loadUsers(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO identity_pools (id, org_id, name, "
                    + "created_at, version) VALUES (?, ?, ?, ?, 0)")) {
                for (int p = 0; p < POOLS; p++) {
                    ps.setString(1, "pool" + p);
                    ps.setString(2, "t" + (p % TENANTS) + "d" + (p % DIVISIONS) + "p" + (p % DEPARTMENTS));
                    ps.setString(3, "Pool " + p);
                    ps.setObject(4, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, pool_id, org_id, username, email, "
                    + "display_name, status, created_at, version) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, 0)")) {
                OffsetDateTime created = OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC);
                for (int n = 0; n < USERS; n++) {
                    int p = n % POOLS;
                    ps.setString(1, userId(n));
                    ps.setString(2, "pool" + p);
                    ps.setString(3, "t" + (p % TENANTS) + "d" + (p % DIVISIONS) + "p" + (p % DEPARTMENTS));
                    ps.setString(4, "user" + n);
                    ps.setString(5, "user" + n + "@example.test");
                    ps.setString(6, "User " + n);
                    ps.setObject(7, created);
                    ps.addBatch();
                    if ((n + 1) % 10_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** The first page (100) of a division's subtree of 101 organizations: one index range scan. */
    @Benchmark
    public Page<Organization> subtreePage() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return orgs.findSubtree(divisionPath(r.nextInt(TENANTS), r.nextInt(DIVISIONS)), PageRequest.first(100));
    }

    /** The size of a whole tenant (1,000 organizations). */
    @Benchmark
    public long subtreeCount() {
        return orgs.countSubtree(OrgPath.root(OrgId.of(tenantId(ThreadLocalRandom.current().nextInt(TENANTS)))));
    }

    /** A user by id, out of 1,000,000. */
    @Benchmark
    public Optional<User> userById() {
        return users.findById(UserId.of(userId(ThreadLocalRandom.current().nextInt(USERS))));
    }

    /** A user by (pool, username), out of 1,000,000: the login look-up. */
    @Benchmark
    public Optional<User> userByUsername() {
        int n = ThreadLocalRandom.current().nextInt(USERS);
        return users.findByUsername(poolOf(n), "user" + n);
    }

    /**
     * What a delegated administrative operation costs in storage: read the actor's grants, read the target
     * organization and check it lies in the granted subtree, rename it with its version (optimistic concurrency),
     * append the audit record to the tenant's hash chain.
     */
    @Benchmark
    public AuditRecord adminOperation() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int t = r.nextInt(TENANTS);
        int d = r.nextInt(DIVISIONS);
        Actor admin = Actor.user("admin-" + t + "-" + d);
        OrgId target = OrgId.of("t" + t + "d" + d + "p" + r.nextInt(DEPARTMENTS));
        List<AdminGrant> held = grants.findByPrincipal(admin);
        Organization org = orgs.findById(target).orElseThrow();
        OrgPath scope = divisionPath(t, d);
        if (held.isEmpty() || !scope.isAncestorOrSelfOf(org.path())) {
            throw new IllegalStateException("fixture broken");
        }
        orgs.update(org.withName("Org " + target + " " + r.nextInt(1_000)));
        return audit.append(new AdminOperationEvent(CREATED, OrgId.of(tenantId(t)), Optional.of(target), admin,
                "org.rename", target.value(), AdminOperationEvent.Outcome.PERFORMED, Optional.empty()).toEntry());
    }
}
