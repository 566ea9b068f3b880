package io.partnerid.authz.risk;

import java.util.Objects;

/**
 * Where an IP address is: an ISO 3166-1 alpha-2 country and, when the source knows them, approximate coordinates.
 *
 * <p>Immutable and thread-safe. A location from a country-level source (such as a GeoLite2 Country database) has no
 * coordinates ({@link #countryOnly}): both are {@code NaN}, {@link #hasCoordinates()} is false and
 * {@link #distanceKm} is {@code NaN}, so impossible-travel detection never fires on it.
 *
 * @param country the country code, upper case
 * @param latitude degrees, or {@code NaN} together with {@code longitude} when unknown
 * @param longitude degrees, or {@code NaN} together with {@code latitude} when unknown
 */
public record GeoLocation(String country, double latitude, double longitude) {

    public GeoLocation {
        Objects.requireNonNull(country, "country");
        if (Double.isNaN(latitude) != Double.isNaN(longitude)) {
            throw new IllegalArgumentException("latitude and longitude must both be known or both be NaN");
        }
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("coordinates out of range");
        }
    }

    /** A location known only by its country (no coordinates). */
    public static GeoLocation countryOnly(String country) {
        return new GeoLocation(country, Double.NaN, Double.NaN);
    }

    /** Whether the coordinates are known. */
    public boolean hasCoordinates() {
        return !Double.isNaN(latitude);
    }

    /** Great-circle distance in kilometres (haversine); {@code NaN} when either location has no coordinates. */
    public double distanceKm(GeoLocation other) {
        double r = 6371.0;
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(latitude))
                * Math.cos(Math.toRadians(other.latitude)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
