package io.partnerid.core.client;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.jdbc.RowMapper;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A {@link ClientRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Table {@code clients} of migration {@code db/partnerid/core/<vendor>/V7__clients.sql}; only the encoded
 * secret <em>hash</em> is stored, never a secret. {@link #update} is a compare-and-set on the {@code version}
 * column, so two concurrent secret rotations never both succeed.
 *
 * <p>Performance: {@link #findById} (every client authentication) is one primary-key probe; {@link #findByOrg}
 * pages through the {@code (org_id, id)} index. The sets (grant types, redirect URIs, scopes, audiences) are stored
 * as length-prefixed lists in one column each and read with the row. The row mapping is replaceable
 * ({@link #ROW_MAPPER} is the default).
 */
public final class JdbcClientRepository implements ClientRepository {

    /** The default mapping of a {@code clients} row. */
    public static final RowMapper<ClientApplication> ROW_MAPPER = rs -> new ClientApplication(
            ClientId.of(rs.getString("id")),
            OrgId.of(rs.getString("org_id")),
            TextCodec.unescape(rs.getString("name")),
            set(rs.getString("grant_types")),
            set(rs.getString("redirect_uris")),
            set(rs.getString("scopes")),
            set(rs.getString("audiences")),
            Jdbc.optionalString(rs, "secret_hash"),
            Jdbc.instant(rs, "created_at"),
            rs.getLong("version"));

    private static final String SELECT = "SELECT id, org_id, name, grant_types, redirect_uris, scopes, audiences, "
            + "secret_hash, created_at, version FROM clients ";

    private final Jdbc jdbc;
    private final RowMapper<ClientApplication> mapper;

    /** A repository over {@code dataSource} with the default row mapping. */
    public JdbcClientRepository(DataSource dataSource) {
        this(dataSource, ROW_MAPPER);
    }

    /** A repository over {@code dataSource} mapping rows with {@code mapper}. */
    public JdbcClientRepository(DataSource dataSource, RowMapper<ClientApplication> mapper) {
        this.jdbc = new Jdbc(dataSource);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public void insert(ClientApplication client) {
        Objects.requireNonNull(client, "client");
        if (client.version() != 0) {
            throw new IllegalArgumentException("a new client has version 0");
        }
        jdbc.transaction("client " + client.id(), c -> Jdbc.update(c, "INSERT INTO clients (id, org_id, name, "
                        + "grant_types, redirect_uris, scopes, audiences, secret_hash, created_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                client.id().value(), client.orgId().value(), TextCodec.escape(client.name()),
                TextCodec.encodeList(client.grantTypes()), TextCodec.encodeList(client.redirectUris()),
                TextCodec.encodeList(client.scopes()), TextCodec.encodeList(client.audiences()),
                Jdbc.text(client.secretHash()), client.createdAt()));
    }

    @Override
    public ClientApplication update(ClientApplication client) {
        Objects.requireNonNull(client, "client");
        String what = "client " + client.id();
        return jdbc.transaction(what, c -> {
            int changed = Jdbc.update(c, "UPDATE clients SET name = ?, grant_types = ?, redirect_uris = ?, "
                            + "scopes = ?, audiences = ?, secret_hash = ?, version = version + 1 "
                            + "WHERE id = ? AND version = ?",
                    TextCodec.escape(client.name()), TextCodec.encodeList(client.grantTypes()),
                    TextCodec.encodeList(client.redirectUris()), TextCodec.encodeList(client.scopes()),
                    TextCodec.encodeList(client.audiences()), Jdbc.text(client.secretHash()), client.id().value(),
                    client.version());
            return Jdbc.afterVersionedUpdate(changed, what, () -> find(c, client.id()));
        });
    }

    @Override
    public boolean delete(ClientId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.transaction("client " + id, c -> Jdbc.update(c, "DELETE FROM clients WHERE id = ?",
                id.value())) > 0;
    }

    @Override
    public Optional<ClientApplication> findById(ClientId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.read("client " + id, c -> find(c, id));
    }

    private Optional<ClientApplication> find(Connection c, ClientId id) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "WHERE id = ?", mapper, id.value());
    }

    @Override
    public Page<ClientApplication> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        return jdbc.read("clients", c -> Page.of(Jdbc.query(c,
                SELECT + "WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?", mapper,
                orgId.value(), page.after().orElse(""), page.limit() + 1), page.limit(), a -> a.id().value()));
    }

    private static Set<String> set(String encoded) {
        return new TreeSet<>(TextCodec.decodeList(encoded));
    }
}
