package io.partnerid.authz.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Property (3): concurrent consumption never admits more than the quota, in memory and on PostgreSQL. */
class QuotaConcurrencyProperties {

    /** One PostgreSQL schema with the authz migrations for every try (jqwik does not run JUnit extensions). */
    private static final class Postgres {
        static final DataSource DATA_SOURCE = AuthzTestDatabases.postgres().dataSource();
    }

    private static int admitted(QuotaStore store, String key, QuotaLimit limit, int threads, int attemptsPerThread,
                                int tokensPerAttempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger granted = new AtomicInteger();
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (store.tryConsume(key, limit, tokensPerAttempt)) {
                            granted.addAndGet(tokensPerAttempt);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            return granted.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Property(tries = 50)
    void inMemoryConcurrentConsumptionNeverExceedsTheQuota(@ForAll @IntRange(min = 1, max = 200) int capacity,
                                                          @ForAll @IntRange(min = 2, max = 8) int threads,
                                                          @ForAll @IntRange(min = 1, max = 60) int attempts,
                                                          @ForAll @IntRange(min = 1, max = 3) int tokens)
            throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
        QuotaLimit limit = QuotaLimit.of(capacity, Duration.ofHours(1));
        int got = admitted(new InMemoryQuotaStore(clock), "k", limit, threads, attempts, tokens);
        assertThat(got).isLessThanOrEqualTo(capacity);
        // nothing is lost either: with enough demand the quota is used up to the last whole request
        if ((long) threads * attempts * tokens >= capacity + tokens) {
            assertThat(got).isGreaterThan(capacity - tokens);
        }
    }

    @Property(tries = 5)
    void postgresConcurrentConsumptionNeverExceedsTheQuota(@ForAll @IntRange(min = 1, max = 30) int capacity,
                                                          @ForAll @IntRange(min = 2, max = 6) int threads)
            throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
        QuotaLimit limit = QuotaLimit.of(capacity, Duration.ofHours(1));
        // two "nodes": two stores over one database share the bucket
        PostgresQuotaStore nodeA = new PostgresQuotaStore(Postgres.DATA_SOURCE, clock);
        PostgresQuotaStore nodeB = new PostgresQuotaStore(Postgres.DATA_SOURCE, clock);
        String key = "q:prop:" + UUID.randomUUID();
        QuotaStore alternating = new QuotaStore() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public boolean tryConsume(String k, QuotaLimit l, long t) {
                return (n.incrementAndGet() % 2 == 0 ? nodeA : nodeB).tryConsume(k, l, t);
            }

            @Override
            public long available(String k, QuotaLimit l) {
                return nodeA.available(k, l);
            }
        };
        int got = admitted(alternating, key, limit, threads, 10, 1);
        assertThat(got).isLessThanOrEqualTo(capacity);
        assertThat(got).isEqualTo(Math.min(capacity, threads * 10));
    }

    @Property(tries = 20)
    void serviceConcurrentConsumptionNeverExceedsTheContractQuota(@ForAll @IntRange(min = 1, max = 100) int capacity)
            throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
        OrgId partner = OrgId.of("partner");
        EntitlementService service = EntitlementService.builder(TestRuntimes.on(clock), EntitlementCatalog.of(
                List.of(new Tier("pro", Set.of("api"), Map.of("calls", QuotaLimit.of(capacity, Duration.ofDays(1))))),
                List.of(Contract.of(partner, "pro")))).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> fs = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < capacity; i++) {
                    if (service.check(EntitlementRequest.consume(partner, Optional.of("api"), "calls")).granted()) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        assertThat(granted.get()).isEqualTo(capacity);
    }
}
