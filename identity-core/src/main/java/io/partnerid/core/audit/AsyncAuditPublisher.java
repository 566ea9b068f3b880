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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link AuditPublisher}: hands each event to one of two bounded queues (lanes) and returns; one
 * worker appends the events to an {@link AuditLog} and forwards them to optional downstream publishers (a SIEM
 * bridge, a metrics counter).
 *
 * <p>Thread-safe; any number of threads may publish. The two lanes keep a flood of cheap events from crowding out
 * the records that matter:
 * <ul>
 *   <li><b>Decision lane</b> ({@linkplain AuditEvent#sheddable() sheddable} events: authorization decisions, token
 *       verifications). {@link #publish} never blocks and never throws for them. When this lane is full, or the
 *       publisher is closed, the event is shed: counted in {@link Stats#shed()} and reported by a WARN log that
 *       carries counts only, never event content (logged for the first shed event and then at every power of two,
 *       so an overload cannot flood the log; the counter is exact). Anyone able to send requests can fill this
 *       lane, and that is all they can fill.</li>
 *   <li><b>Change lane</b> (every other event: admin operations, grants, role changes, suspensions, domain lapses,
 *       token issuance and revocation). Never dropped: when the lane is full, {@link #publish} waits up to the
 *       change timeout for room, then throws {@link AuditUnavailableException} ({@code audit.unavailable}), as it
 *       does at once when the publisher is closed, so the operation fails instead of losing its record silently.
 *       Such refusals are counted in {@link Stats#refused()}.</li>
 * </ul>
 * A log append or downstream publisher that throws is caught, counted and logged at WARN with the event type and
 * tenant id only. Hosts should alert on a non-zero shed, refused or failure count.
 *
 * <p>At most one worker task runs at a time on the executor. It takes queued change records before queued
 * decisions, and each lane's events in the order they were queued. The executor must run tasks on another thread
 * (a direct executor would make publishing synchronous). By default the publisher owns one daemon thread; pass
 * {@link Builder#threadFactory} to name or configure it, or {@link Builder#executor} to share an executor the host
 * owns (which {@link #close} then does not shut down). When the executor refuses the worker after {@link #close},
 * whatever is still queued is stored on the publishing thread.
 *
 * <pre>{@code
 * AsyncAuditPublisher audit = AsyncAuditPublisher.builder(auditLog)
 *         .decisionCapacity(50_000)                 // shed beyond this many queued decisions
 *         .changeCapacity(10_000)                   // never shed; callers wait for room ...
 *         .changeTimeout(Duration.ofSeconds(2))     // ... this long, then get audit.unavailable
 *         .downstream(siemBridge)
 *         .build();
 * // ... at shutdown:
 * audit.close(); // stops accepting, waits up to the close timeout for queued events to be stored
 * }</pre>
 */
public final class AsyncAuditPublisher implements AuditPublisher, AutoCloseable {

    /** The decision lane's capacity unless another is given. */
    public static final int DEFAULT_DECISION_CAPACITY = 10_000;

    /** The change lane's capacity unless another is given. */
    public static final int DEFAULT_CHANGE_CAPACITY = 10_000;

    /** How long a change record waits for room in a full change lane unless another time is given. */
    public static final Duration DEFAULT_CHANGE_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@link #close()} waits for queued events unless another time is given. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAuditPublisher.class);

    private final AuditDelivery delivery;
    private final int decisionCapacity;
    private final int changeCapacity;
    private final BlockingQueue<AuditEvent> decisions;
    private final BlockingQueue<AuditEvent> changes;
    private final Duration changeTimeout;
    private final Executor executor;
    private final Optional<ExecutorService> ownedExecutor;
    private final Duration closeTimeout;

    private final AtomicBoolean workerScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    private final AtomicLong downstreamFailures = new AtomicLong();
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progress = progressLock.newCondition();

    private AsyncAuditPublisher(Builder builder) {
        this.delivery = new AuditDelivery(builder.log, builder.downstream);
        this.decisionCapacity = builder.decisionCapacity;
        this.changeCapacity = builder.changeCapacity;
        this.decisions = new ArrayBlockingQueue<>(decisionCapacity);
        this.changes = new ArrayBlockingQueue<>(changeCapacity);
        this.changeTimeout = builder.changeTimeout;
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
     * Queues the event for storage. A {@linkplain AuditEvent#sheddable() sheddable} event is shed and counted when
     * its lane is full or the publisher is closed; this call then returns at once. Any other event waits up to the
     * change timeout for room in its lane.
     *
     * @throws AuditUnavailableException ({@code audit.unavailable}) for an event that is not sheddable when its lane
     *     stayed full for the whole change timeout, when the waiting thread was interrupted, or when the publisher
     *     is closed
     */
    @Override
    public void publish(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.sheddable()) {
            if (closed.get() || !decisions.offer(event)) {
                shed(event);
                return;
            }
        } else {
            enqueueChange(event);
        }
        accepted.incrementAndGet();
        scheduleWorker();
    }

    private void enqueueChange(AuditEvent event) {
        if (closed.get()) {
            throw refuse(event, "the audit publisher is closed");
        }
        if (changes.offer(event)) {
            return;
        }
        scheduleWorker(); // the lane is full: make sure a worker is draining it while this caller waits
        boolean queued;
        try {
            queued = changes.offer(event, changeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse(event, "interrupted while waiting for room in the audit change queue");
        }
        if (!queued) {
            throw refuse(event, "the audit change queue (capacity " + changeCapacity + ") stayed full for "
                    + changeTimeout);
        }
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
            LOG.warn("Audit publisher closed with {} change and {} decision events still queued after {}",
                    changes.size(), decisions.size(), closeTimeout);
        }
        ownedExecutor.ifPresent(ExecutorService::shutdown);
    }

    /** A snapshot of the publisher's counters. */
    public Stats stats() {
        return new Stats(accepted.get(), stored.get(), shed.get(), refused.get(), sinkFailures.get(),
                downstreamFailures.get(), decisions.size(), decisionCapacity, changes.size(), changeCapacity);
    }

    /** The number of sheddable events shed because their lane was full or the publisher closed. */
    public long shedCount() {
        return shed.get();
    }

    /** The number of state-change events refused with {@link AuditUnavailableException}. */
    public long refusedCount() {
        return refused.get();
    }

    private void shed(AuditEvent event) {
        long count = shed.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warn("Audit decision queue full or publisher closed (capacity {}): a sheddable {} event was shed; "
                    + "{} shed so far", decisionCapacity, event.type(), count);
        }
    }

    private AuditUnavailableException refuse(AuditEvent event, String why) {
        long count = refused.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warn("Audit change record refused ({}): a {} event of tenant {}; {} refused so far", why,
                    event.type(), event.tenant(), count);
        }
        return new AuditUnavailableException(why + "; a " + event.type() + " event of tenant " + event.tenant()
                + " was not recorded");
    }

    private void scheduleWorker() {
        if (idle() || !workerScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            if (closed.get()) {
                // The executor is gone after close: store what is left here (this thread holds the worker flag).
                drain();
            } else {
                workerScheduled.set(false);
                LOG.warn("Audit worker could not be scheduled ({} change and {} decision events queued); retrying "
                        + "on the next publish", changes.size(), decisions.size());
            }
        }
    }

    private boolean idle() {
        return changes.isEmpty() && decisions.isEmpty();
    }

    private AuditEvent next() {
        AuditEvent change = changes.poll();
        return change != null ? change : decisions.poll();
    }

    private void drain() {
        try {
            while (true) {
                AuditEvent event;
                while ((event = next()) != null) {
                    handle(event);
                }
                workerScheduled.set(false);
                // An event queued after the last poll but before the flag was cleared found the flag set and did not
                // schedule a worker: take it over here.
                if (idle() || !workerScheduled.compareAndSet(false, true)) {
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

    /**
     * A snapshot of the counters of an {@link AsyncAuditPublisher}.
     *
     * <p>Immutable and thread-safe.
     *
     * @param accepted events queued since start (both lanes)
     * @param stored events appended to the log
     * @param shed sheddable events dropped because the decision lane was full or the publisher closed
     * @param refused state-change events refused with {@link AuditUnavailableException} (never dropped silently)
     * @param sinkFailures events whose log append threw
     * @param downstreamFailures downstream publish calls that threw
     * @param decisionsQueued sheddable events waiting now
     * @param decisionCapacity the decision lane's capacity
     * @param changesQueued state-change events waiting now
     * @param changeCapacity the change lane's capacity
     */
    public record Stats(long accepted, long stored, long shed, long refused, long sinkFailures,
                        long downstreamFailures, int decisionsQueued, int decisionCapacity, int changesQueued,
                        int changeCapacity) {
    }

    /**
     * Builds an {@link AsyncAuditPublisher}; each option may be set once.
     *
     * <p>Not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final AuditLog log;
        private final List<AuditPublisher> downstream = new ArrayList<>();
        private int decisionCapacity = DEFAULT_DECISION_CAPACITY;
        private boolean decisionCapacitySet;
        private int changeCapacity = DEFAULT_CHANGE_CAPACITY;
        private boolean changeCapacitySet;
        private Duration changeTimeout = DEFAULT_CHANGE_TIMEOUT;
        private boolean changeTimeoutSet;
        private Executor executor;
        private ThreadFactory threadFactory;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean closeTimeoutSet;

        private Builder(AuditLog log) {
            this.log = Objects.requireNonNull(log, "log");
        }

        /**
         * How many sheddable events (authorization decisions, token verifications) may wait, at least 1; beyond it
         * they are shed and counted. 10 000 by default.
         */
        public Builder decisionCapacity(int capacity) {
            if (decisionCapacitySet) {
                throw new IllegalStateException("decisionCapacity was already set");
            }
            if (capacity < 1) {
                throw new IllegalArgumentException("decisionCapacity must be at least 1");
            }
            this.decisionCapacity = capacity;
            this.decisionCapacitySet = true;
            return this;
        }

        /**
         * How many state-change records may wait, at least 1; beyond it callers wait for room up to the change
         * timeout. 10 000 by default.
         */
        public Builder changeCapacity(int capacity) {
            if (changeCapacitySet) {
                throw new IllegalStateException("changeCapacity was already set");
            }
            if (capacity < 1) {
                throw new IllegalArgumentException("changeCapacity must be at least 1");
            }
            this.changeCapacity = capacity;
            this.changeCapacitySet = true;
            return this;
        }

        /**
         * How long a state-change record waits for room in a full change lane before {@code publish} throws
         * {@link AuditUnavailableException}; zero refuses at once. 5 seconds by default.
         */
        public Builder changeTimeout(Duration timeout) {
            if (changeTimeoutSet) {
                throw new IllegalStateException("changeTimeout was already set");
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("changeTimeout must not be negative");
            }
            this.changeTimeout = timeout;
            this.changeTimeoutSet = true;
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
