package io.partnerid.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link AuditPublisher}: hands each event to a bounded queue and returns at once; one worker
 * appends the events to an {@link AuditLog} in publication order and forwards them to optional downstream
 * publishers (a SIEM bridge, a metrics counter).
 *
 * <p>Thread-safe; any number of threads may publish. {@link #publish} never blocks and never throws for a full
 * queue or a failing sink. Nothing is lost silently either: an event refused because the queue is full (or the
 * publisher is closed) is counted in {@link Stats#rejected()} and reported by a WARN log that carries counts only,
 * never event content (logged for the first rejection and then at every power of two, so an overload cannot flood
 * the log; the counter is exact). A log append or downstream publisher that throws is caught, counted and logged at
 * WARN with the event type and tenant id only. Hosts should alert on a non-zero rejected or failure count.
 *
 * <p>At most one worker task runs at a time on the executor, so the log sees the events in the order they were
 * queued. The executor must run tasks on another thread (a direct executor would make publishing synchronous). By
 * default the publisher owns one daemon thread; pass {@link Builder#threadFactory} to name or configure it, or
 * {@link Builder#executor} to share an executor the host owns (which {@link #close} then does not shut down).
 *
 * <pre>{@code
 * AsyncAuditPublisher audit = AsyncAuditPublisher.builder(auditLog)
 *         .capacity(50_000)
 *         .downstream(siemBridge)
 *         .build();
 * // ... at shutdown:
 * audit.close(); // stops accepting, waits up to the close timeout for queued events to be stored
 * }</pre>
 */
public final class AsyncAuditPublisher implements AuditPublisher, AutoCloseable {

    /** The queue capacity unless another is given. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** How long {@link #close()} waits for queued events unless another time is given. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAuditPublisher.class);

    private final AuditDelivery delivery;
    private final int capacity;
    private final BlockingQueue<AuditEvent> queue;
    private final Executor executor;
    private final Optional<ExecutorService> ownedExecutor;
    private final Duration closeTimeout;

    private final AtomicBoolean workerScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    private final AtomicLong downstreamFailures = new AtomicLong();
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progress = progressLock.newCondition();

    private AsyncAuditPublisher(Builder builder) {
        this.delivery = new AuditDelivery(builder.log, builder.downstream);
        this.capacity = builder.capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.closeTimeout = builder.closeTimeout;
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = Optional.empty();
        } else {
            ThreadFactory factory = builder.threadFactory != null ? builder.threadFactory : r -> {
                Thread thread = new Thread(r, "partnerid-audit-publisher");
                thread.setDaemon(true);
                return thread;
            };
            ExecutorService owned = Executors.newSingleThreadExecutor(factory);
            this.executor = owned;
            this.ownedExecutor = Optional.of(owned);
        }
    }

    /** Starts a builder for a publisher that stores events in {@code log}. */
    public static Builder builder(AuditLog log) {
        return new Builder(log);
    }

    /**
     * Queues the event for storage and returns immediately; when the queue is full or the publisher is closed the
     * event is rejected and counted instead.
     */
    @Override
    public void publish(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed.get() || !queue.offer(event)) {
            reject();
            return;
        }
        accepted.incrementAndGet();
        scheduleWorker();
    }

    /**
     * Waits until every event accepted before this call has been handled (stored, or counted as a sink failure),
     * for tests, samples and orderly shutdown. Never call it from a request path.
     *
     * @return true when everything was handled in time, false on timeout or interruption
     */
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long target = accepted.get();
        scheduleWorker();
        long nanos = timeout.toNanos();
        progressLock.lock();
        try {
            while (processed.get() < target) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = progress.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            progressLock.unlock();
        }
    }

    /**
     * Stops accepting events, waits up to the close timeout until the queued ones are stored, and shuts down the
     * executor if the publisher owns it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!flush(closeTimeout)) {
            LOG.warn("Audit publisher closed with {} events still queued after {}", queue.size(), closeTimeout);
        }
        ownedExecutor.ifPresent(ExecutorService::shutdown);
    }

    /** A snapshot of the publisher's counters. */
    public Stats stats() {
        return new Stats(accepted.get(), stored.get(), rejected.get(), sinkFailures.get(), downstreamFailures.get(),
                queue.size(), capacity);
    }

    /** The number of events rejected because the queue was full or the publisher closed. */
    public long rejectedCount() {
        return rejected.get();
    }

    private void reject() {
        long count = rejected.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warn("Audit queue full or publisher closed (capacity {}): audit event rejected; {} rejected so far",
                    capacity, count);
        }
    }

    private void scheduleWorker() {
        if (queue.isEmpty() || !workerScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            workerScheduled.set(false);
            if (closed.get()) {
                discardQueued();
            } else {
                LOG.warn("Audit worker could not be scheduled ({} events queued); retrying on the next publish",
                        queue.size());
            }
        }
    }

    private void drain() {
        try {
            while (true) {
                AuditEvent event;
                while ((event = queue.poll()) != null) {
                    handle(event);
                }
                workerScheduled.set(false);
                // An event queued after the last poll but before the flag was cleared found the flag set and did not
                // schedule a worker: take it over here.
                if (queue.isEmpty() || !workerScheduled.compareAndSet(false, true)) {
                    return;
                }
            }
        } catch (Error e) {
            workerScheduled.set(false);
            throw e;
        }
    }

    private void handle(AuditEvent event) {
        AuditDelivery.Outcome outcome = delivery.deliver(event);
        if (outcome.stored()) {
            stored.incrementAndGet();
        } else {
            sinkFailures.incrementAndGet();
        }
        downstreamFailures.addAndGet(outcome.downstreamFailures());
        processed.incrementAndGet();
        progressLock.lock();
        try {
            progress.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    private void discardQueued() {
        int discarded = 0;
        while (queue.poll() != null) {
            discarded++;
            rejected.incrementAndGet();
            processed.incrementAndGet();
        }
        if (discarded > 0) {
            LOG.warn("Audit publisher closed: {} queued audit events could not be stored", discarded);
        }
    }

    /**
     * A snapshot of the counters of an {@link AsyncAuditPublisher}.
     *
     * <p>Immutable and thread-safe.
     *
     * @param accepted events queued since start
     * @param stored events appended to the log
     * @param rejected events refused because the queue was full or the publisher closed
     * @param sinkFailures events whose log append threw
     * @param downstreamFailures downstream publish calls that threw
     * @param queued events waiting in the queue now
     * @param capacity the queue capacity
     */
    public record Stats(long accepted, long stored, long rejected, long sinkFailures, long downstreamFailures,
                        int queued, int capacity) {
    }

    /**
     * Builds an {@link AsyncAuditPublisher}; each option may be set once.
     *
     * <p>Not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final AuditLog log;
        private final List<AuditPublisher> downstream = new ArrayList<>();
        private int capacity = DEFAULT_CAPACITY;
        private boolean capacitySet;
        private Executor executor;
        private ThreadFactory threadFactory;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean closeTimeoutSet;

        private Builder(AuditLog log) {
            this.log = Objects.requireNonNull(log, "log");
        }

        /** The queue capacity, at least 1; 10 000 by default. */
        public Builder capacity(int capacity) {
            if (capacitySet) {
                throw new IllegalStateException("capacity was already set");
            }
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.capacity = capacity;
            this.capacitySet = true;
            return this;
        }

        /** Runs the worker on an executor the host owns (not shut down by {@link #close()}). */
        public Builder executor(Executor executor) {
            if (this.executor != null || threadFactory != null) {
                throw new IllegalStateException("the executor or thread factory was already set");
            }
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Runs the worker on one thread of this factory, owned (and shut down) by the publisher. */
        public Builder threadFactory(ThreadFactory threadFactory) {
            if (this.executor != null || this.threadFactory != null) {
                throw new IllegalStateException("the executor or thread factory was already set");
            }
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** Adds publishers that receive every event after it was handed to the log, in the order added. */
        public Builder downstream(AuditPublisher... publishers) {
            for (AuditPublisher publisher : publishers) {
                downstream.add(Objects.requireNonNull(publisher, "publisher"));
            }
            return this;
        }

        /** How long {@link AsyncAuditPublisher#close()} waits for queued events. */
        public Builder closeTimeout(Duration timeout) {
            if (closeTimeoutSet) {
                throw new IllegalStateException("closeTimeout was already set");
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative");
            }
            this.closeTimeout = timeout;
            this.closeTimeoutSet = true;
            return this;
        }

        /** Builds the publisher; with neither executor nor thread factory it owns one daemon thread. */
        public AsyncAuditPublisher build() {
            return new AsyncAuditPublisher(this);
        }
    }
}
