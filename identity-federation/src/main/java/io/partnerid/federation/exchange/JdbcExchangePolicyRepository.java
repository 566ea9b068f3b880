package io.partnerid.federation.exchange;

import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link ExchangePolicyRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain
 * JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method is one short transaction, and any number of nodes may
 * share the database. Schema: table {@code federation_exchange_policies} of migration
 * {@code db/partnerid/federation/<vendor>/V1__exchange_policy.sql}, applied by
 * {@code PartnerIdSchema.migrate(dataSource, "federation")}. One row per organization: the key {@code org_id}, the
 * policy as one versioned, length-prefixed text in {@code policy} (every field; the trusted issuers in order; the
 * maximum lifetime to the nanosecond; any Java string) and the version of that text layout in
 * {@code policy_format}. The policy is written and read as a whole, so a reader never sees half of one save and half
 * of another.
 *
 * <p>Concurrency across nodes: {@link #save} updates the row or inserts it ({@code ON CONFLICT DO NOTHING}, then
 * updates again when another node inserted first), so concurrent saves never fail at READ COMMITTED and the last one
 * to commit wins (at REPEATABLE READ or SERIALIZABLE a lost race may surface as {@code store.conflict}: retry).
 *
 * <p>Cost: {@link #find} is one primary-key read and a decode linear in the policy's size; it runs on every
 * exchange request and does not cache, so a save on one node is seen by the next request on every node. The key is
 * at most 64 characters ({@link OrgId}); the policy text is an unbounded {@code VARCHAR} (PostgreSQL: up to 1 GB;
 * H2 2.3: up to 1,000,000,000 characters). A stored value that cannot be decoded, or a {@code policy_format} this
 * version does not know (a row written by a newer release), fails with {@code store.failure}: the exchange is
 * refused, never run on a default. Rows of an earlier format still read: format 1 rows (before
 * {@link TrustedIssuer#trustAuthenticationContext()}) decode with that flag false, and the next save rewrites them in
 * the current format. Row mapping is replaceable ({@link #ROW_MAPPER}).
 */
public final class JdbcExchangePolicyRepository implements ExchangePolicyRepository {

    /** The default mapping of a {@code federation_exchange_policies} row ({@code org_id, policy_format, policy}). */
    public static final RowMapper<ExchangePolicy> ROW_MAPPER = rs -> {
        String org = rs.getString("org_id");
        int format = rs.getInt("policy_format");
        try {
            return ExchangePolicyCodec.decode(OrgId.of(org), format, rs.getString("policy"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLException("unreadable exchange policy of organization " + org + " (format " + format + ")",
                    e);
        }
    };

    private static final String SELECT = "SELECT org_id, policy_format, policy FROM federation_exchange_policies ";
    private static final String INSERT = "INSERT INTO federation_exchange_policies (policy_format, policy, org_id) "
            + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String UPDATE = "UPDATE federation_exchange_policies SET policy_format = ?, policy = ? "
            + "WHERE org_id = ?";

    private final Jdbc jdbc;
    private final RowMapper<ExchangePolicy> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcExchangePolicyRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcExchangePolicyRepository(DataSource dataSource, RowMapper<ExchangePolicy> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public Optional<ExchangePolicy> find(OrgId org) {
        Objects.requireNonNull(org, "org");
        return jdbc.read("exchange policy of " + org, c -> Jdbc.queryOne(c, SELECT + "WHERE org_id = ?", mapper,
                org.value()));
    }

    @Override
    public void save(ExchangePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Object[] values = {ExchangePolicyCodec.FORMAT, ExchangePolicyCodec.encode(policy), policy.org().value()};
        jdbc.transaction("exchange policy of " + policy.org(), c -> {
            if (Jdbc.update(c, UPDATE, values) == 0 && Jdbc.update(c, INSERT, values) == 0) {
                Jdbc.update(c, UPDATE, values); // another node inserted it meanwhile: last writer wins
            }
            return null;
        });
    }
}
