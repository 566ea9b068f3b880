package io.partnerid.authz.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one contract every {@link QuotaStore} passes. (It lives in this module's tests rather than identity-testkit
 * because the testkit cannot depend on identity-authz without a reactor cycle.)
 */
abstract class QuotaStoreContract {

    protected final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));

    protected abstract QuotaStore store();

    private final String key = "q:test:" + UUID.randomUUID();

    @Test
    void tryConsumeWhenFreshKeyThenFullCapacityThenRefused() {
        QuotaLimit limit = QuotaLimit.of(3, Duration.ofMinutes(1));
        QuotaStore s = store();
        assertThat(s.available(key, limit)).isEqualTo(3);
        assertThat(s.tryConsume(key, limit, 2)).isTrue();
        assertThat(s.tryConsume(key, limit, 2)).isFalse();
        assertThat(s.tryConsume(key, limit, 1)).isTrue();
        assertThat(s.tryConsume(key, limit, 1)).isFalse();
        assertThat(s.available(key, limit)).isZero();
    }

    @Test
    void tryConsumeWhenPeriodElapsedThenRefilledButNeverAboveCapacity() {
        QuotaLimit limit = QuotaLimit.of(2, Duration.ofMinutes(1));
        QuotaStore s = store();
        assertThat(s.tryConsume(key, limit, 2)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(s.tryConsume(key, limit, 1)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.tryConsume(key, limit, 1)).isTrue();
        clock.advance(Duration.ofHours(5));
        assertThat(s.available(key, limit)).isEqualTo(2);
    }

    @Test
    void tryConsumeWhenDifferentKeysThenIndependentBuckets() {
        QuotaLimit limit = QuotaLimit.of(1, Duration.ofMinutes(1));
        QuotaStore s = store();
        assertThat(s.tryConsume(key + "a", limit, 1)).isTrue();
        assertThat(s.tryConsume(key + "b", limit, 1)).isTrue();
        assertThat(s.tryConsume(key + "a", limit, 1)).isFalse();
    }
}
