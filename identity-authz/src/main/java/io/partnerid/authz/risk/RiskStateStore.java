package io.partnerid.authz.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Short-lived behavioural state behind the risk signals: where and when a subject was last seen, which devices it
 * used, how many requests a partner made in the current minute.
 *
 * <p>Called by the {@link RiskEngine} on every assessment. Implementations must be thread-safe, bounded, and expire
 * entries after their TTL; keys carry the organization ({@code org/subject}). Only ids, coarse locations and device
 * identifiers (hashed by the caller if sensitive) are stored, never credentials.
 */
public interface RiskStateStore {

    /** Where and when a subject was last seen. */
    record Sighting(GeoLocation location, Instant at) {
    }

    /** Records a sighting and returns the previous one, if any (atomic per key). */
    Optional<Sighting> swapLastSighting(String subjectKey, Sighting now);

    /** Remembers the device for the subject and returns whether it was already known. */
    boolean rememberDevice(String subjectKey, String deviceId);

    /** Counts one request in the fixed window containing {@code at}; returns the count so far in that window. */
    long countRequest(String orgKey, Instant at, Duration window);
}
