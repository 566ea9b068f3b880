package io.partnerid.authz.risk;

import io.partnerid.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RiskStateStore} in a relational database (PostgreSQL, or H2 in PostgreSQL mode), in plain JDBC, for hosts
 * that run several nodes: every node sees the same last sightings, devices and request counts.
 *
 * <p>Thread-safe: holds only the data source, the clock and its limits; every call is one short transaction. Schema:
 * tables {@code authz_risk_sightings}, {@code authz_risk_devices} and {@code authz_risk_request_counts} of migration
 * {@code db/partnerid/authz/<vendor>/V3__risk_state.sql}, applied by {@code PartnerIdSchema.migrate(dataSource,
 * "authz")}.
 *
 * <p>Atomicity: a swap locks the subject's sighting row ({@code SELECT … FOR UPDATE}) before replacing it; a device
 * and a counter are created with {@code INSERT … ON CONFLICT DO NOTHING} and otherwise updated in place
 * ({@code request_count = request_count + 1}), so concurrent calls on one key, from threads or nodes, serialize on its
 * row and nothing is lost. Calls on different keys do not contend.
 *
 * <p>Bounds: at most one sighting row per subject, {@link Builder#maxDevicesPerSubject} device rows per subject (the
 * least recently seen is forgotten first) and two counter rows per (organization, window length) (a new window
 * deletes the older ones). Sightings older than {@link Builder#sightingTtl} and devices unseen for
 * {@link Builder#deviceTtl} are treated as absent, and {@link #purgeExpired()} deletes them (schedule it, for example
 * hourly, to reclaim the rows of subjects that stopped calling). Keys and device ids are at most 512 characters (hash
 * longer device ids); longer values fail with {@code store.failure}.
 *
 * <pre>{@code
 * PartnerIdSchema.migrate(dataSource, "authz");
 * RiskStateStore state = JdbcRiskStateStore.builder(dataSource, runtime.clock()).deviceTtl(Duration.ofDays(30)).build();
 * RiskEngine risk = RiskEngine.builder(runtime).stateStore(state).build();
 * }</pre>
 */
public final class JdbcRiskStateStore implements RiskStateStore {

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration sightingTtl;
    private final Duration deviceTtl;
    private final int maxDevicesPerSubject;

    private JdbcRiskStateStore(Builder b) {
        this.jdbc = new Jdbc(b.dataSource);
        this.clock = b.clock;
        this.sightingTtl = b.sightingTtl;
        this.deviceTtl = b.deviceTtl;
        this.maxDevicesPerSubject = b.maxDevicesPerSubject;
    }

    /** Starts a builder; the clock decides device and counter expiry (use the runtime's clock). */
    public static Builder builder(DataSource dataSource, Clock clock) {
        return new Builder(dataSource, clock);
    }

    /** The window length in milliseconds, at least 1. */
    static long windowMillis(Duration window) {
        Objects.requireNonNull(window, "window");
        long millis = window.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("window must be at least one millisecond");
        }
        return millis;
    }

    @Override
    public Optional<Sighting> swapLastSighting(String subjectKey, Sighting now) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(now, "now");
        return jdbc.transaction("risk sighting", c -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<Sighting> previous = Jdbc.queryOne(c, "SELECT country, latitude, longitude, seen_at "
                        + "FROM authz_risk_sightings WHERE subject_key = ? FOR UPDATE", JdbcRiskStateStore::sighting,
                        subjectKey);
                if (previous.isPresent()) {
                    writeSighting(c, "UPDATE authz_risk_sightings SET country = ?, latitude = ?, longitude = ?, "
                            + "seen_at = ? WHERE subject_key = ?", subjectKey, now);
                    return previous.filter(p -> !p.at().isBefore(now.at().minus(sightingTtl)));
                }
                if (writeSighting(c, "INSERT INTO authz_risk_sightings (country, latitude, longitude, seen_at, "
                        + "subject_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", subjectKey, now) == 1) {
                    return Optional.<Sighting>empty();
                }
                // another node inserted the first sighting meanwhile: lock and swap it
            }
            throw new SQLException("sighting row kept changing", "40001");
        });
    }

    private static Sighting sighting(ResultSet rs) throws SQLException {
        double latitude = rs.getDouble("latitude");
        boolean unknown = rs.wasNull();
        double longitude = rs.getDouble("longitude");
        GeoLocation where = unknown || rs.wasNull() ? GeoLocation.countryOnly(rs.getString("country"))
                : new GeoLocation(rs.getString("country"), latitude, longitude);
        return new Sighting(where, Jdbc.instant(rs, "seen_at"));
    }

    private static int writeSighting(Connection c, String sql, String subjectKey, Sighting s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.location().country());
            if (s.location().hasCoordinates()) {
                ps.setDouble(2, s.location().latitude());
                ps.setDouble(3, s.location().longitude());
            } else {
                ps.setNull(2, Types.DOUBLE);
                ps.setNull(3, Types.DOUBLE);
            }
            ps.setObject(4, OffsetDateTime.ofInstant(s.at(), ZoneOffset.UTC));
            ps.setString(5, subjectKey);
            return ps.executeUpdate();
        }
    }

    @Override
    public boolean rememberDevice(String subjectKey, String deviceId) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(deviceId, "deviceId");
        Instant now = clock.instant();
        Instant cutoff = now.minus(deviceTtl);
        return jdbc.transaction("risk device", c -> {
            if (Jdbc.update(c, "UPDATE authz_risk_devices SET last_seen = ? WHERE subject_key = ? AND device_id = ? "
                    + "AND last_seen >= ?", now, subjectKey, deviceId, cutoff) == 1) {
                return true;
            }
            if (Jdbc.update(c, "INSERT INTO authz_risk_devices (subject_key, device_id, last_seen) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", subjectKey, deviceId, now) == 1) {
                evictBeyondLimit(c, subjectKey, deviceId);
                return false;
            }
            // the row exists: expired (then it is new again) or just inserted or refreshed by another call
            return Jdbc.update(c, "UPDATE authz_risk_devices SET last_seen = ? WHERE subject_key = ? "
                    + "AND device_id = ? AND last_seen < ?", now, subjectKey, deviceId, cutoff) == 0;
        });
    }

    private void evictBeyondLimit(Connection c, String subjectKey, String keep) throws SQLException {
        long count = Jdbc.queryLong(c, "SELECT COUNT(*) FROM authz_risk_devices WHERE subject_key = ?", subjectKey);
        if (count > maxDevicesPerSubject) {
            Jdbc.update(c, "DELETE FROM authz_risk_devices WHERE subject_key = ? AND device_id IN (SELECT device_id "
                    + "FROM authz_risk_devices WHERE subject_key = ? AND device_id <> ? "
                    + "ORDER BY last_seen, device_id LIMIT ?)", subjectKey, subjectKey, keep,
                    count - maxDevicesPerSubject);
        }
    }

    @Override
    public long countRequest(String orgKey, Instant at, Duration window) {
        Objects.requireNonNull(orgKey, "orgKey");
        Objects.requireNonNull(at, "at");
        long millis = windowMillis(window);
        long slot = Math.floorDiv(at.toEpochMilli(), millis);
        Instant expiresAt = Instant.ofEpochMilli(Math.multiplyExact(slot + 2, millis));
        Object[] key = {orgKey, millis, slot};
        return jdbc.transaction("risk request count", c -> {
            if (increment(c, key) == 0) {
                if (Jdbc.update(c, "INSERT INTO authz_risk_request_counts (org_key, window_millis, slot, "
                        + "request_count, expires_at) VALUES (?, ?, ?, 1, ?) ON CONFLICT DO NOTHING", orgKey, millis,
                        slot, expiresAt) == 1) {
                    Jdbc.update(c, "DELETE FROM authz_risk_request_counts WHERE org_key = ? AND window_millis = ? "
                            + "AND slot < ?", orgKey, millis, slot - 1);
                    return 1L;
                }
                increment(c, key); // another node opened the window meanwhile
            }
            return Jdbc.queryLong(c, "SELECT request_count FROM authz_risk_request_counts WHERE org_key = ? "
                    + "AND window_millis = ? AND slot = ?", key);
        });
    }

    private static int increment(Connection c, Object[] key) throws SQLException {
        return Jdbc.update(c, "UPDATE authz_risk_request_counts SET request_count = request_count + 1 "
                + "WHERE org_key = ? AND window_millis = ? AND slot = ?", key);
    }

    /**
     * Deletes the expired rows: sightings older than the sighting TTL, devices unseen for the device TTL, counters of
     * past windows. Safe to run from any node at any time; returns how many rows were deleted.
     */
    public long purgeExpired() {
        Instant now = clock.instant();
        return jdbc.transaction("risk state purge", c ->
                (long) Jdbc.update(c, "DELETE FROM authz_risk_sightings WHERE seen_at < ?", now.minus(sightingTtl))
                        + Jdbc.update(c, "DELETE FROM authz_risk_devices WHERE last_seen < ?", now.minus(deviceTtl))
                        + Jdbc.update(c, "DELETE FROM authz_risk_request_counts WHERE expires_at < ?", now));
    }

    /** Builds a {@link JdbcRiskStateStore}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private final Clock clock;
        private Duration sightingTtl = Duration.ofDays(7);
        private Duration deviceTtl = Duration.ofDays(90);
        private int maxDevicesPerSubject = 50;

        private Builder(DataSource dataSource, Clock clock) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** How long a last sighting counts for impossible travel (default 7 days). */
        public Builder sightingTtl(Duration ttl) {
            this.sightingTtl = positive(ttl, "sightingTtl");
            return this;
        }

        /** How long an unseen device stays known (default 90 days). */
        public Builder deviceTtl(Duration ttl) {
            this.deviceTtl = positive(ttl, "deviceTtl");
            return this;
        }

        /** How many devices are remembered per subject, least recently seen forgotten first (default 50). */
        public Builder maxDevicesPerSubject(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDevicesPerSubject must be at least 1");
            }
            this.maxDevicesPerSubject = max;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        public JdbcRiskStateStore build() {
            return new JdbcRiskStateStore(this);
        }
    }
}
