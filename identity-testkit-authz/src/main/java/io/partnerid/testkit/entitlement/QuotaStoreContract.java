package io.partnerid.testkit.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.entitlement.QuotaLimit;
import io.partnerid.authz.entitlement.QuotaStore;
import io.partnerid.testkit.Concurrently;
import io.partnerid.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one contract every {@link QuotaStore} passes; {@link io.partnerid.authz.entitlement.InMemoryQuotaStore} and
 * {@link io.partnerid.authz.entitlement.PostgresQuotaStore} (on PostgreSQL) extend it.
 *
 * <p>Published in identity-testkit-authz: a host that writes its own {@code QuotaStore} extends it in its tests (one
 * small subclass per implementation and database) and builds its store on {@link #clock}. Not thread-safe; JUnit
 * creates one instance per test. Every test uses bucket keys unique to the test, so one store may serve every test
 * without cleaning. Pinned semantics: a key never seen starts with a full bucket; a consumption takes all the tokens
 * it asks for or none; {@code available} consumes nothing; a bucket refills by its whole capacity once per period
 * (by the injected clock) and never above its capacity; keys are independent; concurrent consumers, also through a
 * second store over the same state (another node), never get more than the bucket holds and lose no token.
 */
public abstract class QuotaStoreContract {

    /** The clock every store under test must read its time from. */
    protected final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));

    /** The store under test; the same instance for the whole test, built on {@link #clock}. */
    protected abstract QuotaStore store();

    /**
     * A second store over the same buckets, as another node opens it (a new store on the same data source and
     * {@link #clock}; the same instance for an in-memory store).
     */
    protected abstract QuotaStore anotherNode();

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

    @Test
    void tryConsumeWhenMoreThanAvailableThenRefusedAndNothingTaken() {
        QuotaLimit limit = QuotaLimit.of(3, Duration.ofMinutes(1));
        QuotaStore s = store();
        assertThat(s.tryConsume(key, limit, 4)).isFalse();
        assertThat(s.available(key, limit)).isEqualTo(3);
        assertThat(s.tryConsume(key, limit, 2)).isTrue();
        assertThat(s.tryConsume(key, limit, 2)).isFalse();
        assertThat(s.available(key, limit)).isEqualTo(1);
    }

    @Test
    void availableWhenAskedRepeatedlyThenNothingConsumed() {
        QuotaLimit limit = QuotaLimit.of(2, Duration.ofMinutes(1));
        QuotaStore s = store();
        for (int i = 0; i < 5; i++) {
            assertThat(s.available(key, limit)).isEqualTo(2);
        }
        assertThat(s.tryConsume(key, limit, 2)).isTrue();
    }

    @Test
    void tryConsumeWhenConsumedThroughAnotherNodeThenSeenHere() {
        QuotaLimit limit = QuotaLimit.of(3, Duration.ofMinutes(1));
        assertThat(anotherNode().tryConsume(key, limit, 2)).isTrue();
        assertThat(store().available(key, limit)).isEqualTo(1);
        assertThat(store().tryConsume(key, limit, 2)).isFalse();
        assertThat(store().tryConsume(key, limit, 1)).isTrue();
        assertThat(anotherNode().tryConsume(key, limit, 1)).isFalse();
    }

    @Test
    void tryConsumeWhenConcurrentOnTwoNodesThenExactlyTheCapacityIsGranted() throws Exception {
        int capacity = 25;
        QuotaLimit limit = QuotaLimit.of(capacity, Duration.ofHours(1));
        AtomicInteger granted = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            QuotaStore node = t % 2 == 0 ? store() : anotherNode();
            tasks.add(() -> {
                for (int i = 0; i < 10; i++) { // 60 single-token attempts on a bucket of 25
                    if (node.tryConsume(key, limit, 1)) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Concurrently.run(tasks);
        // never more than the bucket holds, and none lost: every token went to exactly one consumer
        assertThat(granted).hasValue(capacity);
        assertThat(store().available(key, limit)).isZero();
    }
}
