package io.partnerid.core.token;

import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link RevokedTokenStore} in a relational database (PostgreSQL, or H2), in plain JDBC: the shared revocation
 * state of many SDK nodes.
 *
 * <p>Thread-safe: holds only the data source. Table {@code token_records} of migration
 * {@code db/partnerid/core/<vendor>/V12__token_records.sql}, keyed by {@code (jti, org_id)} since
 * {@code V15__token_records_per_org.sql}: a revocation for one organization never touches another's token. Token ids
 * and organization ids only; never a token. {@link #isRevoked} is one primary-key probe per verification; {@link #revokeAllOf} walks the
 * {@code (org_id, revoked, expires_at)} index in chunks of organizations. Rows live until {@link #purgeExpired}; the
 * table is not bounded by the SDK (size it by token issuance rate × lifetime), and a failed write throws, so a
 * revocation is never silently lost.
 */
public final class JdbcRevokedTokenStore implements RevokedTokenStore {

    private static final int ORG_CHUNK = 200;

    private final Jdbc jdbc;

    /** A store over {@code dataSource}. */
    public JdbcRevokedTokenStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void recordIssued(String jti, OrgId org, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(expiresAt, "expiresAt");
        jdbc.read("token " + jti, c -> {
            try {
                return Jdbc.update(c, "INSERT INTO token_records (jti, org_id, expires_at, revoked) "
                        + "VALUES (?, ?, ?, FALSE)", jti, org.value(), expiresAt);
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return 0; // idempotent; an existing (possibly revoked) record stays as it is
                }
                throw e;
            }
        });
    }

    @Override
    public boolean revoke(String jti, OrgId org, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return jdbc.transaction("token " + jti, c -> {
            if (markRevoked(c, jti, org, expiresAt)) {
                return true;
            }
            if (Jdbc.queryLong(c, "SELECT COUNT(*) FROM token_records WHERE jti = ? AND org_id = ?", jti,
                    org.value()) > 0) {
                return false; // already revoked for this organization
            }
            // unknown for this organization (a record of another organization with this id stays untouched)
            Jdbc.update(c, "INSERT INTO token_records (jti, org_id, expires_at, revoked) VALUES (?, ?, ?, TRUE)", jti,
                    org.value(), expiresAt);
            return true;
        });
    }

    private static boolean markRevoked(Connection c, String jti, OrgId org, Instant expiresAt) throws SQLException {
        return Jdbc.update(c, "UPDATE token_records SET revoked = TRUE, expires_at = GREATEST(expires_at, ?) "
                + "WHERE jti = ? AND org_id = ? AND revoked = FALSE", expiresAt, jti, org.value()) == 1;
    }

    @Override
    public boolean isRevoked(String jti, OrgId org, Instant now) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(now, "now");
        return jdbc.read("token " + jti, c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM token_records WHERE jti = ? "
                + "AND org_id = ? AND revoked = TRUE AND expires_at > ?", jti, org.value(), now) > 0);
    }

    @Override
    public List<String> revokeAllOf(Set<OrgId> orgs, Instant now) {
        Objects.requireNonNull(orgs, "orgs");
        Objects.requireNonNull(now, "now");
        List<String> ids = orgs.stream().map(OrgId::value).sorted().toList();
        List<String> revoked = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ORG_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ORG_CHUNK));
            String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            Object[] params = new Object[chunk.size() + 1];
            for (int i = 0; i < chunk.size(); i++) {
                params[i] = chunk.get(i);
            }
            params[chunk.size()] = now;
            revoked.addAll(jdbc.transaction("tokens of organizations", c -> {
                List<String> jtis = Jdbc.query(c, "SELECT jti FROM token_records WHERE org_id IN (" + in + ") "
                        + "AND revoked = FALSE AND expires_at > ? ORDER BY jti FOR UPDATE", rs -> rs.getString("jti"),
                        params);
                Jdbc.update(c, "UPDATE token_records SET revoked = TRUE WHERE org_id IN (" + in + ") "
                        + "AND revoked = FALSE AND expires_at > ?", params);
                return jtis;
            }));
        }
        Collections.sort(revoked);
        return List.copyOf(revoked);
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.transaction("expired tokens", c -> Jdbc.update(c, "DELETE FROM token_records WHERE expires_at <= ?",
                now));
    }
}
