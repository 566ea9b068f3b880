package io.partnerid.authz.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RiskStateStore} in memory; for tests, local development and single-node hosts.
 *
 * <p>Thread-safe and bounded: each map holds at most {@code maxKeys} entries; when full it is cleared (losing
 * history makes signals fire more, never less: new devices, unknown last location). Counters are per fixed window.
 */
public final class InMemoryRiskStateStore implements RiskStateStore {

    private final int maxKeys;
    private final ConcurrentHashMap<String, Sighting> sightings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    /** A store with room for 100,000 keys per kind. */
    public InMemoryRiskStateStore() {
        this(100_000);
    }

    /** A store with room for {@code maxKeys} keys per kind. */
    public InMemoryRiskStateStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.maxKeys = maxKeys;
    }

    private void bound(ConcurrentHashMap<?, ?> map) {
        if (map.size() >= maxKeys) {
            map.clear();
        }
    }

    @Override
    public Optional<Sighting> swapLastSighting(String subjectKey, Sighting now) {
        bound(sightings);
        return Optional.ofNullable(sightings.put(subjectKey, now));
    }

    @Override
    public boolean rememberDevice(String subjectKey, String deviceId) {
        bound(devices);
        return !devices.computeIfAbsent(subjectKey, k -> ConcurrentHashMap.newKeySet()).add(deviceId);
    }

    @Override
    public long countRequest(String orgKey, Instant at, Duration window) {
        bound(counters);
        long slot = at.toEpochMilli() / window.toMillis();
        return counters.computeIfAbsent(orgKey + "@" + slot, k -> new AtomicLong()).incrementAndGet();
    }
}
