package io.partnerid.authz.risk;

import java.util.Objects;

/**
 * Where an IP address is: an ISO 3166-1 alpha-2 country and approximate coordinates.
 *
 * <p>Immutable and thread-safe.
 *
 * @param country the country code, upper case
 * @param latitude degrees
 * @param longitude degrees
 */
public record GeoLocation(String country, double latitude, double longitude) {

    public GeoLocation {
        Objects.requireNonNull(country, "country");
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("coordinates out of range");
        }
    }

    /** Great-circle distance in kilometres (haversine). */
    public double distanceKm(GeoLocation other) {
        double r = 6371.0;
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(latitude))
                * Math.cos(Math.toRadians(other.latitude)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
