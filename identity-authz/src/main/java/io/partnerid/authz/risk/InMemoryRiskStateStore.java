package io.partnerid.authz.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RiskStateStore} in memory; for tests, local development and single-node hosts.
 *
 * <p>Thread-safe and bounded by size: each map holds at most {@code maxKeys} entries, and when one is full it is
 * cleared (new devices then fire again, and one impossible-travel comparison per subject is lost). Counters keep only
 * the current window of each (organization, window length): a new window replaces the previous one. There is no TTL;
 * multi-node hosts use {@link JdbcRiskStateStore}.
 */
public final class InMemoryRiskStateStore implements RiskStateStore {

    private record Window(long slot, AtomicLong count) {
    }

    private final int maxKeys;
    private final ConcurrentHashMap<String, Sighting> sightings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> counters = new ConcurrentHashMap<>();

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
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(now, "now");
        bound(sightings);
        return Optional.ofNullable(sightings.put(subjectKey, now));
    }

    @Override
    public boolean rememberDevice(String subjectKey, String deviceId) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(deviceId, "deviceId");
        bound(devices);
        return !devices.computeIfAbsent(subjectKey, k -> ConcurrentHashMap.newKeySet()).add(deviceId);
    }

    @Override
    public long countRequest(String orgKey, Instant at, Duration window) {
        Objects.requireNonNull(orgKey, "orgKey");
        Objects.requireNonNull(at, "at");
        long millis = JdbcRiskStateStore.windowMillis(window);
        long slot = Math.floorDiv(at.toEpochMilli(), millis);
        bound(counters);
        Window w = counters.compute(orgKey + "@" + millis, (k, current) -> current == null
                || current.slot() < slot ? new Window(slot, new AtomicLong()) : current);
        // a late request for a window already replaced is counted alone: it never disturbs the current window
        return w.slot() == slot ? w.count().incrementAndGet() : 1;
    }
}
