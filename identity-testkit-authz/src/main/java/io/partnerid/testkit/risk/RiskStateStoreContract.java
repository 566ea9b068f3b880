package io.partnerid.testkit.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.risk.GeoLocation;
import io.partnerid.authz.risk.RiskStateStore;
import io.partnerid.authz.risk.RiskStateStore.Sighting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RiskStateStore} must pass; {@link io.partnerid.authz.risk.InMemoryRiskStateStore} and
 * {@link io.partnerid.authz.risk.JdbcRiskStateStore} (on PostgreSQL and H2) extend it.
 *
 * <p>Published in identity-testkit-authz: a host that writes its own {@code RiskStateStore} extends it in its tests
 * (one small subclass per implementation and database). Not thread-safe; JUnit creates one instance per test. Each
 * test needs an empty store. Pinned semantics: a swap returns the previous sighting exactly (also a
 * country-only one) and concurrent swaps on one key form a chain; a device is new exactly once, also under
 * concurrency; counters are per key, window length and epoch-aligned window, and concurrent counts are never lost;
 * every store over the same state (another node) sees the same sightings, devices and counters, atomically.
 * Bounds (TTL, size) differ by implementation and are tested beside each one.
 */
public abstract class RiskStateStoreContract {

    /** The base instant of the contract: the start of a minute. */
    public static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private ExecutorService pool;

    /** The store under test; the same instance for the whole test. */
    protected abstract RiskStateStore store();

    /**
     * A second store over the same state, as another node opens it (a new JDBC store on the same data source; the
     * same instance for an in-memory store).
     */
    protected abstract RiskStateStore anotherNode();

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** A sighting in Paris (country and coordinates) at {@code at}. */
    protected static Sighting paris(Instant at) {
        return new Sighting(new GeoLocation("FR", 48.8566, 2.3522), at);
    }

    @Test
    void swapLastSightingWhenFirstThenEmptyThenThePreviousOneExactly() {
        assertThat(store().swapLastSighting("acme/u1", paris(T0))).isEmpty();
        Sighting sydney = new Sighting(new GeoLocation("AU", -33.8688, 151.2093), T0.plusSeconds(600));
        assertThat(store().swapLastSighting("acme/u1", sydney)).contains(paris(T0));
        assertThat(store().swapLastSighting("acme/u1", paris(T0.plusSeconds(1200)))).contains(sydney);
    }

    @Test
    void swapLastSightingWhenCountryOnlyThenRoundTripsWithoutCoordinates() {
        Sighting gb = new Sighting(GeoLocation.countryOnly("GB"), T0);
        store().swapLastSighting("acme/u1", gb);
        Optional<Sighting> previous = store().swapLastSighting("acme/u1", paris(T0.plusSeconds(60)));
        assertThat(previous).contains(gb);
        assertThat(previous.get().location().hasCoordinates()).isFalse();
    }

    @Test
    void swapLastSightingWhenOtherKeyThenIndependent() {
        store().swapLastSighting("acme/u1", paris(T0));
        assertThat(store().swapLastSighting("acme/u2", paris(T0))).isEmpty();
        assertThat(store().swapLastSighting("globex/u1", paris(T0))).isEmpty();
    }

    @Test
    void swapLastSightingWhenConcurrentOnOneKeyThenEverySightingIsReturnedOnceAsAChain() throws Exception {
        int threads = 8;
        List<Sighting> returned = new ArrayList<>();
        List<Callable<Optional<Sighting>>> tasks = new ArrayList<>();
        List<Sighting> written = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Sighting s = paris(T0.plusSeconds(i));
            written.add(s);
            tasks.add(() -> store().swapLastSighting("acme/u1", s));
        }
        int empty = 0;
        for (Optional<Sighting> r : runTogether(tasks)) {
            if (r.isEmpty()) {
                empty++;
            } else {
                returned.add(r.get());
            }
        }
        Sighting last = store().swapLastSighting("acme/u1", paris(T0.plusSeconds(999))).orElseThrow();
        returned.add(last);
        assertThat(empty).isEqualTo(1);
        assertThat(returned).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void rememberDeviceWhenSeenAgainThenKnownAndPerSubjectAndDevice() {
        assertThat(store().rememberDevice("acme/u1", "dev-1")).isFalse();
        assertThat(store().rememberDevice("acme/u1", "dev-1")).isTrue();
        assertThat(store().rememberDevice("acme/u1", "dev-2")).isFalse();
        assertThat(store().rememberDevice("acme/u2", "dev-1")).isFalse();
        assertThat(store().rememberDevice("globex/u1", "dev-1")).isFalse();
        assertThat(store().rememberDevice("acme/u1", "dev-2")).isTrue();
    }

    @Test
    void rememberDeviceWhenConcurrentFirstCallsThenExactlyOneSeesItNew() throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> store().rememberDevice("acme/u1", "dev-1"));
        }
        assertThat(runTogether(tasks)).containsOnlyOnce(false).hasSize(8);
    }

    @Test
    void countRequestWhenSameWindowThenCountsUpAndNewWindowRestarts() {
        assertThat(store().countRequest("acme", T0, MINUTE)).isEqualTo(1);
        assertThat(store().countRequest("acme", T0.plusSeconds(30), MINUTE)).isEqualTo(2);
        assertThat(store().countRequest("acme", T0.plusMillis(59_999), MINUTE)).isEqualTo(3);
        assertThat(store().countRequest("acme", T0.plusSeconds(60), MINUTE)).isEqualTo(1); // next aligned window
        assertThat(store().countRequest("acme", T0.plusSeconds(61), MINUTE)).isEqualTo(2);
    }

    @Test
    void countRequestWhenOtherKeyOrWindowLengthThenIndependent() {
        store().countRequest("acme", T0, MINUTE);
        store().countRequest("acme", T0, MINUTE);
        assertThat(store().countRequest("globex", T0, MINUTE)).isEqualTo(1);
        assertThat(store().countRequest("acme", T0, Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(store().countRequest("acme", T0, MINUTE)).isEqualTo(3);
    }

    @Test
    void countRequestWhenWindowBelowAMillisecondThenRejected() {
        assertThatThrownBy(() -> store().countRequest("acme", T0, Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countRequestWhenConcurrentThenNoCountIsLost() throws Exception {
        int threads = 8;
        int perThread = 25;
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    seen.add(store().countRequest("acme", T0.plusMillis(i), MINUTE));
                }
                return seen;
            });
        }
        Set<Long> all = new HashSet<>();
        int total = 0;
        for (List<Long> seen : runTogether(tasks)) {
            all.addAll(seen);
            total += seen.size();
        }
        assertThat(total).isEqualTo(threads * perThread);
        assertThat(all).hasSize(threads * perThread).allMatch(n -> n >= 1 && n <= threads * perThread);
        assertThat(store().countRequest("acme", T0, MINUTE)).isEqualTo(threads * perThread + 1);
    }

    @Test
    void stateWhenWrittenThroughAnotherNodeThenSeenHere() {
        anotherNode().swapLastSighting("acme/u1", paris(T0));
        assertThat(store().swapLastSighting("acme/u1", paris(T0.plusSeconds(60)))).contains(paris(T0));
        assertThat(anotherNode().rememberDevice("acme/u1", "dev-1")).isFalse();
        assertThat(store().rememberDevice("acme/u1", "dev-1")).isTrue();
        assertThat(anotherNode().countRequest("acme", T0, MINUTE)).isEqualTo(1);
        assertThat(store().countRequest("acme", T0.plusSeconds(1), MINUTE)).isEqualTo(2);
    }

    @Test
    void rememberDeviceWhenConcurrentFirstCallsOnTwoNodesThenExactlyOneSeesItNew() throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RiskStateStore node = i % 2 == 0 ? store() : anotherNode();
            tasks.add(() -> node.rememberDevice("acme/u1", "dev-1"));
        }
        assertThat(runTogether(tasks)).containsOnlyOnce(false).hasSize(8);
    }

    @Test
    void countRequestWhenConcurrentOnTwoNodesThenNoCountIsLost() throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RiskStateStore node = i % 2 == 0 ? store() : anotherNode();
            Instant at = T0.plusMillis(i);
            tasks.add(() -> node.countRequest("acme", at, MINUTE));
        }
        assertThat(runTogether(tasks)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    /** Starts every task at once and returns their results in task order; a task's failure fails the test. */
    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(8);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
