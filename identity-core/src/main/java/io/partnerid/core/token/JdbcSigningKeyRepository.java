package io.partnerid.core.token;

import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.RowMapper;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SigningKeyRepository} in a relational database (PostgreSQL, or H2), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; many nodes may share the database. Table {@code signing_keys} of
 * migration {@code db/partnerid/core/<vendor>/V11__signing_keys.sql}. Private keys are stored exactly as the
 * {@link PrivateKeyProtector} sealed them (never in the clear, unless the host chose
 * {@link PrivateKeyProtector#unprotected()}). {@link #update} is a compare-and-set on the {@code version} column.
 */
public final class JdbcSigningKeyRepository implements SigningKeyRepository {

    /** The default mapping of a {@code signing_keys} row. */
    public static final RowMapper<SigningKey> ROW_MAPPER = rs -> new SigningKey(
            KeySetId.of(rs.getString("key_set")),
            rs.getString("kid"),
            SigningAlgorithm.valueOf(rs.getString("algorithm")),
            KeyStatus.valueOf(rs.getString("status")),
            rs.getBytes("public_key"),
            rs.getBytes("sealed_private_key"),
            Jdbc.instant(rs, "created_at"),
            Jdbc.optionalInstant(rs, "retired_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT key_set, kid, algorithm, status, public_key, sealed_private_key, "
            + "created_at, retired_at, version FROM signing_keys ";

    private final Jdbc jdbc;
    private final RowMapper<SigningKey> mapper;

    /** A repository over {@code dataSource}. */
    public JdbcSigningKeyRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = ROW_MAPPER;
    }

    @Override
    public void insert(SigningKey key) {
        Objects.requireNonNull(key, "key");
        if (key.version() != 0) {
            throw new IllegalArgumentException("a new key has version 0");
        }
        try {
            jdbc.transaction("signing key " + key.kid(), c -> Jdbc.update(c, "INSERT INTO signing_keys (key_set, kid, "
                    + "algorithm, status, public_key, sealed_private_key, created_at, retired_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)", key.keySet().value(), key.kid(), key.algorithm(),
                    key.status(), key.publicKey(), key.sealedPrivateKey(), key.createdAt(),
                    Jdbc.timestamp(key.retiredAt())));
        } catch (io.partnerid.core.IdentityException e) {
            throw e.code().equals(StoreErrors.DUPLICATE) ? StoreErrors.duplicate("signing key " + key.kid()) : e;
        }
    }

    @Override
    public SigningKey update(SigningKey key) {
        Objects.requireNonNull(key, "key");
        return jdbc.transaction("signing key " + key.kid(), c -> {
            int changed = Jdbc.update(c, "UPDATE signing_keys SET status = ?, retired_at = ?, version = version + 1 "
                    + "WHERE key_set = ? AND kid = ? AND version = ?", key.status(), Jdbc.timestamp(key.retiredAt()),
                    key.keySet().value(), key.kid(), key.version());
            return Jdbc.afterVersionedUpdate(changed, "signing key " + key.kid(), () -> Jdbc.queryOne(c,
                    SELECT + "WHERE key_set = ? AND kid = ?", mapper, key.keySet().value(), key.kid()));
        });
    }

    @Override
    public List<SigningKey> findByKeySet(KeySetId keySet) {
        Objects.requireNonNull(keySet, "keySet");
        return jdbc.read("key set " + keySet, c -> Jdbc.query(c, SELECT + "WHERE key_set = ? ORDER BY created_at, kid",
                mapper, keySet.value()));
    }

    @Override
    public Optional<SigningKey> findByKid(KeySetId keySet, String kid) {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(kid, "kid");
        return jdbc.read("signing key " + kid, c -> Jdbc.queryOne(c, SELECT + "WHERE key_set = ? AND kid = ?", mapper,
                keySet.value(), kid));
    }

    @Override
    public int deleteRetiredBefore(KeySetId keySet, Instant retiredBefore) {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(retiredBefore, "retiredBefore");
        return jdbc.transaction("key set " + keySet, c -> Jdbc.update(c, "DELETE FROM signing_keys WHERE key_set = ? "
                + "AND status = 'RETIRED' AND retired_at < ?", keySet.value(), retiredBefore));
    }
}
