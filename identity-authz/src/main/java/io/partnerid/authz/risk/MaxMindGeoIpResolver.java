package io.partnerid.authz.risk;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link GeoIpResolver} over a MaxMind DB file ({@code .mmdb}): GeoIP2 or GeoLite2 Country, City or Enterprise,
 * or any database in that format whose records carry {@code country.iso_code}.
 *
 * <p>Thread-safe and immutable once opened; lookups read the memory-mapped file without locks. It reads
 * {@code country.iso_code} and, when the record has both (City databases), {@code location.latitude} and
 * {@code location.longitude}; a Country database gives {@linkplain GeoLocation#countryOnly country-only} locations,
 * on which impossible-travel detection does not fire. An address outside every network, a record without a country,
 * an IPv6 address in an IPv4-only database, or a record that cannot be decoded are all "unknown" (empty): fail
 * closed, since a geo-fenced organization treats an unknown location as outside its fence. The file is read when
 * opened and not watched: to pick up MaxMind's weekly update, open the new file, swap the resolver (for example
 * behind an {@code AtomicReference}-backed lambda) and close the old one.
 *
 * <p>Needs {@code com.maxmind.db:maxmind-db} (4.x, no further dependencies) on the class path: an optional
 * dependency of identity-authz. The database itself is licensed by MaxMind and is not shipped with the SDK.
 *
 * <pre>{@code
 * MaxMindGeoIpResolver geoIp = MaxMindGeoIpResolver.open(Path.of("/var/lib/GeoIP/GeoLite2-Country.mmdb"));
 * RiskEngine risk = RiskEngine.builder(runtime).geoIp(geoIp).build();
 * }</pre>
 *
 * @see <a href="https://maxmind.github.io/MaxMind-DB/">MaxMind DB file format specification</a>
 */
public final class MaxMindGeoIpResolver implements GeoIpResolver, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(MaxMindGeoIpResolver.class);

    private final Reader reader;
    private final String databaseType;
    private final AtomicBoolean warned = new AtomicBoolean();

    private MaxMindGeoIpResolver(Reader reader) {
        this.reader = reader;
        this.databaseType = reader.getMetadata().databaseType();
    }

    /**
     * Opens a MaxMind DB file (memory-mapped).
     *
     * @throws IdentityException {@link AuthzErrors#GEOIP_DATABASE_INVALID} when the file is missing, unreadable or
     *     not a well-formed MaxMind DB
     */
    public static MaxMindGeoIpResolver open(Path mmdb) {
        Objects.requireNonNull(mmdb, "mmdb");
        if (!Files.isRegularFile(mmdb)) {
            throw invalid("no such file: " + mmdb, null);
        }
        try {
            return new MaxMindGeoIpResolver(new Reader(mmdb.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache()));
        } catch (IOException | RuntimeException e) {
            throw invalid("cannot open " + mmdb + ": " + e.getMessage(), e);
        }
    }

    private static IdentityException invalid(String detail, Throwable cause) {
        return new IdentityException(AuthzErrors.GEOIP_DATABASE_INVALID, "The geo-IP database is not available.",
                detail, cause);
    }

    /** The database type from the file's metadata, for example {@code GeoLite2-Country}. */
    public String databaseType() {
        return databaseType;
    }

    @Override
    public Optional<GeoLocation> locate(IpAddress address) {
        Objects.requireNonNull(address, "address");
        Map<?, ?> record;
        try {
            record = reader.get(InetAddress.getByAddress(address.bytes()), Map.class);
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot happen: the bytes are a parsed IPv4 or IPv6 address
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("geo-IP database {} cannot be read; affected addresses are treated as unknown: {}",
                        databaseType, e.toString());
            }
            LOG.debug("geo-IP lookup failed", e);
            return Optional.empty();
        }
        if (record == null || !(record.get("country") instanceof Map<?, ?> country)
                || !(country.get("iso_code") instanceof String iso) || iso.isEmpty() || iso.length() > 8) {
            return Optional.empty();
        }
        String code = iso.toUpperCase(Locale.ROOT);
        if (record.get("location") instanceof Map<?, ?> location
                && location.get("latitude") instanceof Number lat && location.get("longitude") instanceof Number lon
                && Math.abs(lat.doubleValue()) <= 90 && Math.abs(lon.doubleValue()) <= 180) {
            return Optional.of(new GeoLocation(code, lat.doubleValue(), lon.doubleValue()));
        }
        return Optional.of(GeoLocation.countryOnly(code));
    }

    /** Releases the file mapping; lookups afterwards fail closed (empty). */
    @Override
    public void close() throws IOException {
        reader.close();
    }
}
