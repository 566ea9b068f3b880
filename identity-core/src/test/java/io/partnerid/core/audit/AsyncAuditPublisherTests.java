package io.partnerid.core.audit;

import static io.partnerid.testkit.audit.AuditFixtures.adminEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.audit.AuditFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
        try (AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log)
                .changeCapacity(threads * perThread).build()) {
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
            assertThat(stats.shed()).isZero();
            assertThat(stats.refused()).isZero();
            assertThat(stats.sinkFailures()).isZero();
            assertThat(stats.changesQueued()).isZero();
        }
        AuditChainVerifier verifier = new AuditChainVerifier(log, 97);
        long half = (long) threads / 2 * perThread;
        for (OrgId tenant : List.of(ACME, GLOBEX)) {
            assertThat(verifier.verify(tenant)).isInstanceOfSatisfying(ChainVerification.Intact.class,
                    ok -> assertThat(ok.records()).isEqualTo(half));
        }
    }

    @Test
    void publishWhenDecisionLaneFullThenReturnsAtOnceAndCountsTheShedEvents() {
        ManualExecutor stuckWorker = new ManualExecutor();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).decisionCapacity(3).executor(stuckWorker)
                .build();

        for (int i = 0; i < 5; i++) {
            publisher.publish(decision(ACME, "d-" + i)); // would hang here if publish blocked
        }

        assertThat(publisher.shedCount()).isEqualTo(2);
        assertThat(publisher.refusedCount()).isZero();
        assertThat(publisher.stats().accepted()).isEqualTo(3);
        assertThat(publisher.stats().decisionsQueued()).isEqualTo(3);
        assertThat(publisher.flush(Duration.ZERO)).isFalse();

        stuckWorker.runAll();
        assertThat(publisher.flush(Duration.ZERO)).isTrue();
        assertThat(publisher.stats().stored()).isEqualTo(3);
        assertThat(Page.all(p -> log.read(ACME, p), 10)).extracting(r -> r.entry().details().get("n"))
                .containsExactly("d-0", "d-1", "d-2");
    }

    @Test
    void publishWhenDecisionFloodFillsTheQueueThenPrivilegeChangeStillStoredAndDecisionsShedAndCounted()
            throws Exception {
        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuditLog blockingSink = new AuditLog() {
            @Override
            public AuditRecord append(AuditEntry entry) {
                sinkEntered.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the sink");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return log.append(entry);
            }

            @Override
            public Page<AuditRecord> read(OrgId tenant, PageRequest page) {
                return log.read(tenant, page);
            }

            @Override
            public Optional<AuditRecord> head(OrgId tenant) {
                return log.head(tenant);
            }
        };
        int capacity = 100;
        int flood = 10_000;
        try (AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(blockingSink).decisionCapacity(capacity)
                .changeCapacity(capacity).changeTimeout(Duration.ZERO).build()) {
            // An unauthenticated flood: the worker is stuck in the sink with the first decision, the queue fills up.
            publisher.publish(decision(ACME, "d-0"));
            assertThat(sinkEntered.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= flood; i++) {
                publisher.publish(decision(ACME, "d-" + i));
            }
            assertThat(publisher.stats().decisionsQueued()).isEqualTo(capacity);

            // The privilege change comes in while the decision queue is full: accepted at once, without waiting.
            PrivilegeChangeEvent grant = new PrivilegeChangeEvent(AuditFixtures.T0, ACME, Optional.of(ACME),
                    Actor.user("admin-1"), "user:u-7", PrivilegeChangeEvent.Change.GRANTED, "role:approver",
                    Optional.empty());
            publisher.publish(grant);

            release.countDown();
            assertThat(publisher.flush(WAIT)).isTrue();
            AsyncAuditPublisher.Stats stats = publisher.stats();
            assertThat(stats.shed()).isEqualTo(flood - capacity);
            assertThat(stats.refused()).isZero();
            assertThat(stats.stored()).isEqualTo(1 + capacity + 1);
        }
        List<AuditRecord> records = Page.all(p -> log.read(ACME, p), 500);
        assertThat(records).filteredOn(r -> r.entry().type().equals("privilege.change")).singleElement()
                .satisfies(r -> assertThat(r.entry().details()).containsEntry("subject", "user:u-7")
                        .containsEntry("privilege", "role:approver"));
        assertThat(records).filteredOn(r -> r.entry().type().equals("test.decision")).hasSize(1 + capacity);
    }

    @Test
    void publishWhenChangeLaneStaysFullThenThrowsAuditUnavailableAndCounts() {
        ManualExecutor stuckWorker = new ManualExecutor();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).changeCapacity(2)
                .changeTimeout(Duration.ZERO).executor(stuckWorker).build();
        publisher.publish(adminEvent(ACME, "u-0"));
        publisher.publish(adminEvent(ACME, "u-1"));

        assertThatThrownBy(() -> publisher.publish(adminEvent(ACME, "u-2")))
                .isInstanceOfSatisfying(AuditUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(AuditUnavailableException.CODE));
        assertThat(publisher.refusedCount()).isEqualTo(1);
        assertThat(publisher.shedCount()).isZero();

        stuckWorker.runAll();
        assertThat(Page.all(p -> log.read(ACME, p), 10)).extracting(r -> r.entry().details().get("target"))
                .containsExactly("u-0", "u-1");
    }

    @Test
    void publishWhenChangeLaneFullThenCallerWaitsUntilTheWorkerMakesRoom() throws Exception {
        ManualExecutor stuckWorker = new ManualExecutor();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).changeCapacity(1)
                .changeTimeout(Duration.ofSeconds(60)).executor(stuckWorker).build();
        publisher.publish(adminEvent(ACME, "u-0"));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = caller.submit(() -> publisher.publish(adminEvent(ACME, "u-1")));
            stuckWorker.runAll(); // stores u-0 and makes room; the waiting caller's event then gets queued
            waiting.get(30, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
        stuckWorker.runAll();
        assertThat(publisher.flush(Duration.ZERO)).isTrue();
        assertThat(publisher.refusedCount()).isZero();
        assertThat(Page.all(p -> log.read(ACME, p), 10)).extracting(r -> r.entry().details().get("target"))
                .containsExactly("u-0", "u-1");
    }

    @Test
    void publishWhenClosedThenChangeRefusedAndDecisionShed() {
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).build();
        publisher.close();

        assertThatThrownBy(() -> publisher.publish(adminEvent(ACME, "late")))
                .isInstanceOfSatisfying(AuditUnavailableException.class,
                        e -> assertThat(e.code().value()).isEqualTo("audit.unavailable"));
        publisher.publish(decision(ACME, "late"));
        assertThat(publisher.refusedCount()).isEqualTo(1);
        assertThat(publisher.shedCount()).isEqualTo(1);
        assertThat(log.head(ACME)).isEmpty();
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
    void publishWhenExecutorRefusesAfterCloseThenQueuedChangeStoredOnTheCallingThread() {
        // A host-owned executor that is already shut down when the last records arrive (a shutdown race).
        ExecutorService gone = Executors.newSingleThreadExecutor();
        gone.shutdown();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).executor(gone).build();
        publisher.publish(adminEvent(ACME, "u-0")); // not scheduled: the executor refuses and we are not closed yet
        publisher.close(); // the executor still refuses: close's flush stores the record on this thread
        assertThat(Page.all(p -> log.read(ACME, p), 10)).extracting(r -> r.entry().details().get("target"))
                .containsExactly("u-0");
    }

    @Test
    void closeWhenEventsQueuedThenStoresThemAndRefusesLaterChanges() {
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).build();
        for (int i = 0; i < 100; i++) {
            publisher.publish(adminEvent(ACME, "u-" + i));
        }
        publisher.close();
        assertThat(log.head(ACME).orElseThrow().sequence()).isEqualTo(100);

        assertThatThrownBy(() -> publisher.publish(adminEvent(ACME, "late")))
                .isInstanceOf(AuditUnavailableException.class);
        assertThat(publisher.refusedCount()).isEqualTo(1);
        assertThat(log.head(ACME).orElseThrow().sequence()).isEqualTo(100);
        publisher.close(); // idempotent
    }

    @Test
    void builderWhenExecutorAndThreadFactoryBothSetThenRefused() {
        AsyncAuditPublisher.Builder builder = AsyncAuditPublisher.builder(log).executor(Runnable::run);
        assertThatIllegalStateException().isThrownBy(() -> builder.threadFactory(Thread::new));
        assertThatIllegalStateException().isThrownBy(() -> AsyncAuditPublisher.builder(log).decisionCapacity(1)
                .decisionCapacity(2));
        assertThatIllegalStateException().isThrownBy(() -> AsyncAuditPublisher.builder(log).changeCapacity(1)
                .changeCapacity(2));
        assertThatIllegalStateException().isThrownBy(() -> AsyncAuditPublisher.builder(log)
                .changeTimeout(Duration.ZERO).changeTimeout(Duration.ZERO));
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

    private static AuditEvent decision(OrgId tenant, String n) {
        return new TestDecision(tenant, n);
    }

    /** A sheddable, state-free event like an authorization decision (core cannot see the authz module's). */
    private record TestDecision(OrgId tenant, String n) implements AuditEvent {
        @Override
        public String type() {
            return "test.decision";
        }

        @Override
        public Instant occurredAt() {
            return AuditFixtures.T0;
        }

        @Override
        public Optional<OrgId> org() {
            return Optional.of(tenant);
        }

        @Override
        public Actor actor() {
            return Actor.system("anonymous");
        }

        @Override
        public Map<String, String> details() {
            return Map.of("n", n);
        }

        @Override
        public boolean sheddable() {
            return true;
        }
    }
}
