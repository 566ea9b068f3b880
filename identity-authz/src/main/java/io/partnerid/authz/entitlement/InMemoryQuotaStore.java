package io.partnerid.authz.entitlement;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link QuotaStore} in this JVM's memory (Bucket4j local buckets, lock-free); for tests, local development and
 * single-node hosts.
 *
 * <p>Thread-safe. Bounded: at most {@code maxKeys} buckets; past that, new keys are refused (fail closed) and a
 * warning is logged, so a flood of distinct keys cannot exhaust memory.
 */
public final class InMemoryQuotaStore implements QuotaStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InMemoryQuotaStore.class);

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ClockTimeMeter time;
    private final int maxKeys;

    /** A store on the given clock with room for 100,000 buckets. */
    public InMemoryQuotaStore(Clock clock) {
        this(clock, 100_000);
    }

    /** A store on the given clock with room for {@code maxKeys} buckets. */
    public InMemoryQuotaStore(Clock clock, int maxKeys) {
        this.time = new ClockTimeMeter(Objects.requireNonNull(clock, "clock"));
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.maxKeys = maxKeys;
    }

    private Bucket bucket(String key, QuotaLimit limit) {
        Bucket b = buckets.get(key);
        if (b != null) {
            return b;
        }
        if (buckets.size() >= maxKeys) {
            LOG.warn("quota store full ({} buckets); refusing a new bucket", maxKeys);
            return null;
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .withCustomTimePrecision(time)
                .addLimit(Buckets.configuration(limit).getBandwidths()[0])
                .build());
    }

    @Override
    public boolean tryConsume(String key, QuotaLimit limit, long tokens) {
        Bucket b = bucket(key, limit);
        return b != null && b.tryConsume(tokens);
    }

    @Override
    public long available(String key, QuotaLimit limit) {
        Bucket b = bucket(key, limit);
        return b == null ? 0 : b.getAvailableTokens();
    }
}
