package io.partnerid.authz.risk;

import java.util.Optional;

/**
 * Locates an IP address (country and coordinates) for geo-fencing and impossible-travel detection.
 *
 * <p>Called by the {@link RiskEngine} once per assessment that carries an address. Absence means the location is
 * unknown: geo-fenced organizations then treat the request as outside the fence. Implementations must be thread-safe
 * and fast (in memory); they sit on the request path. {@link TableGeoIpResolver} is the built-in table; a MaxMind
 * GeoIP2 reader can be plugged in by hosts that have the database.
 */
@FunctionalInterface
public interface GeoIpResolver {

    /** The location of the address, if known. */
    Optional<GeoLocation> locate(IpAddress address);

    /** A resolver that knows nothing. */
    static GeoIpResolver none() {
        return address -> Optional.empty();
    }
}
