package io.partnerid.core.audit;

import static io.partnerid.testkit.audit.AuditFixtures.adminEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncAuditPublisherTests {

    private static final OrgId ACME = OrgId.of("acme");
    private static final OrgId GLOBEX = OrgId.of("globex");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    @Test
    void publishWhenManyThreadsPublishThenFlushStoresEveryEventAndChainsStayIntact() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).capacity(threads * perThread).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            publisher.publish(adminEvent(thread % 2 == 0 ? ACME : GLOBEX, "u-" + thread + "-" + i));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(publisher.flush(WAIT)).isTrue();
            AsyncAuditPublisher.Stats stats = publisher.stats();
            assertThat(stats.accepted()).isEqualTo(threads * perThread);
            assertThat(stats.stored()).isEqualTo(threads * perThread);
            assertThat(stats.rejected()).isZero();
            assertThat(stats.sinkFailures()).isZero();
            assertThat(stats.queued()).isZero();
        }
        AuditChainVerifier verifier = new AuditChainVerifier(log, 97);
        long half = (long) threads / 2 * perThread;
        for (OrgId tenant : List.of(ACME, GLOBEX)) {
            assertThat(verifier.verify(tenant)).isInstanceOfSatisfying(ChainVerification.Intact.class,
                    ok -> assertThat(ok.records()).isEqualTo(half));
        }
    }

    @Test
    void publishWhenQueueFullThenReturnsAtOnceAndCountsTheRejectedEvents() {
        ManualExecutor stuckWorker = new ManualExecutor();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).capacity(3).executor(stuckWorker).build();

        for (int i = 0; i < 5; i++) {
            publisher.publish(adminEvent(ACME, "u-" + i)); // would hang here if publish blocked
        }

        assertThat(publisher.rejectedCount()).isEqualTo(2);
        assertThat(publisher.stats().accepted()).isEqualTo(3);
        assertThat(publisher.stats().queued()).isEqualTo(3);
        assertThat(publisher.flush(Duration.ZERO)).isFalse();

        stuckWorker.runAll();
        assertThat(publisher.flush(Duration.ZERO)).isTrue();
        assertThat(publisher.stats().stored()).isEqualTo(3);
        assertThat(Page.all(p -> log.read(ACME, p), 10)).extracting(r -> r.entry().details().get("target"))
                .containsExactly("u-0", "u-1", "u-2");
    }

    @Test
    void publishWhenLogThrowsThenCallerUnaffectedFailureCountedAndDownstreamStillServed() {
        AuditLog broken = new AuditLog() {
            @Override
            public AuditRecord append(AuditEntry entry) {
                throw new IllegalStateException("database down");
            }

            @Override
            public Page<AuditRecord> read(OrgId tenant, PageRequest page) {
                return Page.empty();
            }

            @Override
            public Optional<AuditRecord> head(OrgId tenant) {
                return Optional.empty();
            }
        };
        List<AuditEvent> received = Collections.synchronizedList(new ArrayList<>());
        ManualExecutor worker = new ManualExecutor();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(broken).executor(worker)
                .downstream(received::add).build();

        publisher.publish(adminEvent(ACME, "u-1"));
        worker.runAll();

        assertThat(publisher.flush(Duration.ZERO)).isTrue();
        assertThat(publisher.stats().sinkFailures()).isEqualTo(1);
        assertThat(publisher.stats().stored()).isZero();
        assertThat(received).hasSize(1);
    }

    @Test
    void publishWhenDownstreamThrowsThenCountedAndLogStillStores() {
        ManualExecutor worker = new ManualExecutor();
        List<AuditEvent> second = new ArrayList<>();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).executor(worker)
                .downstream(e -> {
                    throw new IllegalStateException("SIEM down");
                }, second::add).build();

        publisher.publish(adminEvent(ACME, "u-1"));
        publisher.publish(adminEvent(ACME, "u-2"));
        worker.runAll();

        assertThat(publisher.stats().downstreamFailures()).isEqualTo(2);
        assertThat(publisher.stats().stored()).isEqualTo(2);
        assertThat(second).extracting(e -> e.details().get("target")).containsExactly("u-1", "u-2");
    }

    @Test
    void publishWhenManyEventsThenOneWorkerTaskAtATime() {
        ManualExecutor worker = new ManualExecutor();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).executor(worker).build();
        for (int i = 0; i < 10; i++) {
            publisher.publish(adminEvent(ACME, "u-" + i));
        }
        assertThat(worker.pending()).isEqualTo(1);
        worker.runAll();
        assertThat(log.head(ACME).orElseThrow().sequence()).isEqualTo(10);
        publisher.publish(adminEvent(ACME, "u-10"));
        assertThat(worker.pending()).isEqualTo(1);
    }

    @Test
    void closeWhenEventsQueuedThenStoresThemAndRejectsLaterEvents() {
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).build();
        for (int i = 0; i < 100; i++) {
            publisher.publish(adminEvent(ACME, "u-" + i));
        }
        publisher.close();
        assertThat(log.head(ACME).orElseThrow().sequence()).isEqualTo(100);

        publisher.publish(adminEvent(ACME, "late"));
        assertThat(publisher.rejectedCount()).isEqualTo(1);
        assertThat(log.head(ACME).orElseThrow().sequence()).isEqualTo(100);
        publisher.close(); // idempotent
    }

    @Test
    void builderWhenExecutorAndThreadFactoryBothSetThenRefused() {
        AsyncAuditPublisher.Builder builder = AsyncAuditPublisher.builder(log).executor(Runnable::run);
        assertThatIllegalStateException().isThrownBy(() -> builder.threadFactory(Thread::new));
        assertThatIllegalStateException().isThrownBy(() -> AsyncAuditPublisher.builder(log).capacity(1).capacity(2));
    }

    @Test
    void publishWhenThreadFactoryGivenThenWorkerRunsOnItsThread() {
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        List<String> workerThreads = Collections.synchronizedList(new ArrayList<>());
        try (AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log)
                .threadFactory(r -> {
                    Thread t = new Thread(r, "audit-test-worker");
                    t.setDaemon(true);
                    names.add(t.getName());
                    return t;
                })
                .downstream(e -> workerThreads.add(Thread.currentThread().getName()))
                .build()) {
            publisher.publish(adminEvent(ACME, "u-1"));
            assertThat(publisher.flush(WAIT)).isTrue();
        }
        assertThat(names).containsExactly("audit-test-worker");
        assertThat(workerThreads).containsExactly("audit-test-worker");
    }
}
