package io.partnerid.authz.entitlement;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link QuotaStore} shared by every node through PostgreSQL (Bucket4j's {@code SELECT ... FOR UPDATE} proxy
 * manager), so that many stateless SDK nodes enforce one quota.
 *
 * <p>Thread-safe. Needs the table created by the migration {@value #MIGRATION} (shipped on the classpath). Time comes
 * from the injected clock on the client side, so nodes must keep their clocks in sync (NTP). Needs
 * {@code com.bucket4j:bucket4j_jdk17-postgresql} and a PostgreSQL driver on the classpath (optional dependencies).
 *
 * <p>PostgreSQL only, by design: Bucket4j's PostgreSQL proxy manager is written for PostgreSQL's locking and SQL. H2
 * runs in one process, where {@link InMemoryQuotaStore} enforces the same quotas without a database (the H2 migration
 * creates the table only so that both vendors carry the same migration versions). It passes
 * {@code QuotaStoreContract} (identity-testkit-authz) on PostgreSQL.
 */
public final class PostgresQuotaStore implements QuotaStore {

    /** The classpath location of the DDL. */
    public static final String MIGRATION = "/db/partnerid/authz/postgresql/V1__quota_bucket.sql";

    /** The table. */
    public static final String TABLE = "partnerid_quota_bucket";

    private final ProxyManager<String> buckets;

    public PostgresQuotaStore(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state")
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    @Override
    public boolean tryConsume(String key, QuotaLimit limit, long tokens) {
        try {
            return buckets.builder().build(key, () -> Buckets.configuration(limit)).tryConsume(tokens);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public long available(String key, QuotaLimit limit) {
        try {
            return buckets.builder().build(key, () -> Buckets.configuration(limit)).getAvailableTokens();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private static IdentityException failed(RuntimeException e) {
        return new IdentityException(AuthzErrors.QUOTA_STORE_FAILED, "The request could not be processed.",
                "quota store failure: " + e.getClass().getSimpleName(), e);
    }
}
