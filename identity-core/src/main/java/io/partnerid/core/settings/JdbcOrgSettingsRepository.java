package io.partnerid.core.settings;

import io.partnerid.core.StoreErrors;
import io.partnerid.core.jdbc.Jdbc;
import io.partnerid.core.jdbc.TextCodec;
import io.partnerid.core.org.OrgId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * An {@link OrgSettingsRepository} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC.
 *
 * <p>Thread-safe: holds only the data source; every method runs in one transaction, and many nodes may share the
 * database. Tables {@code org_settings} (one row per organization: its version) and {@code org_setting_entries}
 * (one row per setting an organization sets or locks) of migration
 * {@code db/partnerid/core/<vendor>/V9__org_settings.sql}. {@link #save} is a compare-and-set on the organization's
 * version row (a first save inserts it; a racing first save hits the primary key and gets {@code store.conflict}),
 * then replaces the entry rows in the same transaction. Reads are one join statement, so they see one consistent
 * version of an organization's settings.
 *
 * <p>Performance: {@link #findAll} resolves a whole organization path in one statement ({@code org_id IN (…)},
 * one index probe per organization; at most {@value #MAX_ORGS_PER_READ} organizations per call, deeper paths are
 * read in several statements). Values (at most {@value SettingEntry#MAX_VALUE_LENGTH} characters) are stored
 * escaped so that every string round-trips exactly.
 */
public final class JdbcOrgSettingsRepository implements OrgSettingsRepository {

    /** The largest number of organizations read by one statement of {@link #findAll}. */
    public static final int MAX_ORGS_PER_READ = 100;

    private static final String SELECT = "SELECT s.org_id, s.version, e.name, e.setting_value, e.locked "
            + "FROM org_settings s LEFT JOIN org_setting_entries e ON e.org_id = s.org_id ";

    private final Jdbc jdbc;

    /** A repository over {@code dataSource}. */
    public JdbcOrgSettingsRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    private record Row(String org, long version, String name, String value, boolean locked) {
    }

    @Override
    public Optional<OrgSettings> find(OrgId org) {
        Objects.requireNonNull(org, "org");
        return Optional.ofNullable(findAll(List.of(org)).get(org));
    }

    @Override
    public Map<OrgId, OrgSettings> findAll(Collection<OrgId> orgs) {
        Objects.requireNonNull(orgs, "orgs");
        List<String> ids = new ArrayList<>();
        for (OrgId org : new LinkedHashSet<>(orgs)) {
            ids.add(Objects.requireNonNull(org, "org").value());
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.read("settings", c -> {
            Map<OrgId, OrgSettings> found = new HashMap<>();
            for (int from = 0; from < ids.size(); from += MAX_ORGS_PER_READ) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_ORGS_PER_READ));
                found.putAll(read(c, chunk));
            }
            return found;
        });
    }

    private static Map<OrgId, OrgSettings> read(Connection c, List<String> ids) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        List<Row> rows = Jdbc.query(c, SELECT + "WHERE s.org_id IN (" + placeholders + ")",
                rs -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)),
                ids.toArray());
        Map<String, Long> versions = new HashMap<>();
        Map<String, TreeMap<String, SettingEntry>> entries = new HashMap<>();
        for (Row row : rows) {
            versions.put(row.org(), row.version());
            TreeMap<String, SettingEntry> ofOrg = entries.computeIfAbsent(row.org(), o -> new TreeMap<>());
            if (row.name() != null) {
                ofOrg.put(row.name(), new SettingEntry(Optional.ofNullable(row.value()).map(TextCodec::unescape),
                        row.locked()));
            }
        }
        Map<OrgId, OrgSettings> result = new HashMap<>();
        versions.forEach((org, version) -> result.put(OrgId.of(org),
                new OrgSettings(OrgId.of(org), entries.get(org), version)));
        return result;
    }

    @Override
    public OrgSettings save(OrgSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String what = "settings of " + settings.org();
        String org = settings.org().value();
        return jdbc.transaction(what, c -> {
            if (settings.version() == 0) {
                try {
                    Jdbc.update(c, "INSERT INTO org_settings (org_id, version) VALUES (?, 1)", org);
                } catch (SQLException e) {
                    if (Jdbc.isUniqueViolation(e)) {
                        throw StoreErrors.conflict(what);
                    }
                    throw e;
                }
            } else {
                int changed = Jdbc.update(c, "UPDATE org_settings SET version = version + 1 "
                        + "WHERE org_id = ? AND version = ?", org, settings.version());
                if (changed == 0) {
                    throw StoreErrors.conflict(what);
                }
                Jdbc.update(c, "DELETE FROM org_setting_entries WHERE org_id = ?", org);
            }
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<String, SettingEntry> e : settings.entries().entrySet()) {
                rows.add(new Object[] {org, e.getKey(), Jdbc.text(e.getValue().value().map(TextCodec::escape)),
                        e.getValue().locked()});
            }
            Jdbc.batch(c, "INSERT INTO org_setting_entries (org_id, name, setting_value, locked) "
                    + "VALUES (?, ?, ?, ?)", rows);
            return settings.withVersion(settings.version() + 1);
        });
    }
}
