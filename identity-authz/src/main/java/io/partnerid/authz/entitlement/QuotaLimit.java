package io.partnerid.authz.entitlement;

import java.time.Duration;
import java.util.Objects;

/**
 * A quota or rate limit: at most {@code capacity} units per {@code period}, refilled in full at the end of each
 * period (an interval refill, so a burst never exceeds the capacity).
 *
 * <p>Immutable and thread-safe.
 *
 * @param capacity the units allowed per period, at least 1
 * @param period the period, at least one millisecond
 */
public record QuotaLimit(long capacity, Duration period) {

    public QuotaLimit {
        Objects.requireNonNull(period, "period");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms");
        }
    }

    /** {@code capacity} units per {@code period}. */
    public static QuotaLimit of(long capacity, Duration period) {
        return new QuotaLimit(capacity, period);
    }

    /** A stable text form, used in store keys so that a changed limit starts a new bucket. */
    String signature() {
        return capacity + "/" + period.toMillis() + "ms";
    }
}
