package io.partnerid.core.audit;

import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * An {@link AuditLog} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe, and safe for many SDK nodes sharing one database: an append locks its tenant's row in
 * {@code audit_chain_heads} ({@code SELECT … FOR UPDATE}), reads the previous hash from it, inserts the record and
 * advances the head in one transaction, so appenders of one tenant serialize in the database and the chain never
 * forks; appenders of different tenants do not contend. The first append of a tenant creates its head row; two
 * nodes racing to create it collide on the primary key and the loser retries. Serialization failures and deadlocks
 * are retried a few times before {@code store.conflict} is thrown. Entries are stored
 * {@linkplain AuditEntry#normalized() normalized} (millisecond timestamps), and the hash is
 * {@link AuditChain#hash} over exactly what is stored, so the chain verifies the same after a read-back.
 *
 * <p>Schema: migration {@code db/partnerid/core/<vendor>/V2__audit_log.sql}. Type, actor and details are stored
 * escaped (see the migration), so that every entry's text, NUL included, round-trips exactly (an entry never holds
 * an unpaired surrogate: {@link AuditEntry} refuses it).
 *
 * <p>Performance: an append is one locked read, an insert, an update and a commit (well under a millisecond on a
 * local PostgreSQL, see {@code docs/benchmarks.md}); one tenant's appends run one transaction at a time, so its
 * throughput is bounded by the commit latency, while different tenants append in parallel. {@link #read} is one range
 * scan of the {@code (tenant, sequence)} primary key; {@link #head} is one index probe. The row mapping is replaceable
 * ({@link #ROW_MAPPER} is the default) for hosts that add columns.
 */
public final class JdbcAuditLog implements AuditLog {

    /** The default mapping of an {@code audit_records} row. */
    public static final RowMapper<AuditRecord> ROW_MAPPER = rs -> {
        OrgId tenant = OrgId.of(rs.getString("tenant"));
        AuditEntry entry = new AuditEntry(
                TextCodec.unescape(rs.getString("type")),
                Jdbc.instant(rs, "occurred_at"),
                tenant,
                Jdbc.optionalString(rs, "org_id").map(OrgId::of),
                TextCodec.unescape(rs.getString("actor")),
                new TreeMap<>(TextCodec.decodeMap(rs.getString("details"))));
        return new AuditRecord(tenant, rs.getLong("sequence"), entry, rs.getString("previous_hash"),
                rs.getString("hash"));
    };

    private static final String SELECT = "SELECT tenant, sequence, type, occurred_at, org_id, actor, details, "
            + "previous_hash, hash FROM audit_records ";
    private static final int ATTEMPTS = 5;

    private final Jdbc jdbc;
    private final RowMapper<AuditRecord> mapper;

    /** A log over {@code dataSource} with the default row mapping. */
    public JdbcAuditLog(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A log over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcAuditLog(DataSource dataSource, RowMapper<AuditRecord> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    private record Head(long sequence, String hash) {
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        AuditEntry stored = entry.normalized();
        String tenant = stored.tenant().value();
        IdentityException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return jdbc.transaction("audit chain of " + tenant, c -> {
                    Optional<Head> head = Jdbc.queryOne(c,
                            "SELECT sequence, hash FROM audit_chain_heads WHERE tenant = ? FOR UPDATE",
                            rs -> new Head(rs.getLong(1), rs.getString(2)), tenant);
                    if (head.isEmpty()) {
                        // a racing first append of the same tenant makes this fail with a unique violation: retried
                        Jdbc.update(c, "INSERT INTO audit_chain_heads (tenant, sequence, hash) VALUES (?, 0, ?)",
                                tenant, GENESIS_HASH);
                    }
                    long sequence = head.map(Head::sequence).orElse(0L) + 1;
                    String previous = head.map(Head::hash).orElse(GENESIS_HASH);
                    AuditRecord record = new AuditRecord(stored.tenant(), sequence, stored, previous,
                            AuditChain.hash(previous, sequence, stored));
                    Jdbc.update(c, "INSERT INTO audit_records (tenant, sequence, type, occurred_at, org_id, actor, "
                                    + "details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            tenant, sequence, TextCodec.escape(stored.type()), stored.occurredAt(),
                            Jdbc.text(stored.org()), TextCodec.escape(stored.actor()),
                            TextCodec.encodeMap(stored.details()), previous, record.hash());
                    Jdbc.update(c, "UPDATE audit_chain_heads SET sequence = ?, hash = ? WHERE tenant = ?",
                            sequence, record.hash(), tenant);
                    return record;
                });
            } catch (IdentityException e) {
                if (!e.code().equals(StoreErrors.DUPLICATE) && !e.code().equals(StoreErrors.CONFLICT)) {
                    throw e;
                }
                last = e;
            }
        }
        throw new IdentityException(StoreErrors.CONFLICT, "The resource was changed concurrently; retry.",
                "audit chain of " + tenant + ": append failed after " + ATTEMPTS + " attempts", last);
    }

    @Override
    public Page<AuditRecord> read(OrgId tenant, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(page, "page");
        long after = page.after().map(JdbcAuditLog::parseCursor).orElse(0L);
        return jdbc.read("audit chain of " + tenant, c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE tenant = ? AND sequence > ? ORDER BY sequence LIMIT ?", mapper,
                tenant.value(), after, page.limit() + 1), page.limit(), r -> Long.toString(r.sequence())));
    }

    @Override
    public Optional<AuditRecord> head(OrgId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return jdbc.read("audit chain of " + tenant, c -> Jdbc.queryOne(c,
                SELECT + "WHERE tenant = ? ORDER BY sequence DESC LIMIT 1", mapper, tenant.value()));
    }

    /** Parses a read cursor: the decimal sequence number of the last record of the previous page. */
    private static long parseCursor(String cursor) {
        long after;
        try {
            after = Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("audit cursor must be a sequence number");
        }
        if (after < 0) {
            throw new IllegalArgumentException("audit cursor must not be negative");
        }
        return after;
    }
}
