package io.partnerid.authz.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Short-lived behavioural state behind the risk signals: where and when a subject was last seen, which devices it
 * used, how many requests a partner made in the current window.
 *
 * <p>Called by the {@link RiskEngine} on every assessment (so on the request path: implementations must be fast).
 * Keys are built by the engine and carry the organization ({@code org/subject} for subjects, the organization id for
 * counters). Only ids, coarse locations and device identifiers (hashed by the caller if sensitive) are stored, never
 * credentials. Implementations must be thread-safe, and atomic per key as each method states, also across nodes when
 * the store is shared. They must be <em>bounded</em> (by TTL and/or size) and may forget state: a forgotten device
 * makes {@code new_device} fire again, a forgotten sighting or counter makes impossible travel or a rate anomaly go
 * unnoticed for one request or window, so bounds should exceed the horizons the policies look at (a sighting older
 * than a day rarely matters; a counter only for its window). {@link InMemoryRiskStateStore} (one node) and
 * {@link JdbcRiskStateStore} (many nodes, one database) implement it.
 */
public interface RiskStateStore {

    /**
     * Where and when a subject was last seen.
     *
     * @param location where (possibly without coordinates)
     * @param at when
     */
    record Sighting(GeoLocation location, Instant at) {
        public Sighting {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Records a sighting and returns the previous one, if any. Atomic per key: of concurrent swaps on one key, each
     * returns the sighting stored by exactly one other (or nothing, for the first), as if they ran one after the
     * other. Absence means never seen, or forgotten (expired or evicted).
     */
    Optional<Sighting> swapLastSighting(String subjectKey, Sighting now);

    /**
     * Remembers the device for the subject and returns whether it was already known (and not forgotten). Atomic per
     * (subject, device): of concurrent first calls exactly one returns {@code false}.
     */
    boolean rememberDevice(String subjectKey, String deviceId);

    /**
     * Counts one request in the fixed window containing {@code at} (windows are aligned on the epoch:
     * {@code floor(at / window)}) and returns the count in that window including this request. Atomic: concurrent
     * counts are never lost (n concurrent calls on a fresh window return 1 to n, each once). Counters of different
     * keys or window lengths are independent.
     *
     * @throws IllegalArgumentException when {@code window} is shorter than a millisecond
     */
    long countRequest(String orgKey, Instant at, Duration window);
}
