package io.partnerid.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditPublisher} that appends each event to the {@link AuditLog} on the caller's thread before returning,
 * then forwards it to optional downstream publishers.
 *
 * <p>Thread-safe. <strong>It blocks the caller for the duration of the append</strong>, which breaks the
 * "must not block" expectation of {@link AuditPublisher}: use it only for tests, samples and local development,
 * where reading the log right after an operation is convenient and blocking is acceptable. Production wiring uses
 * {@link AsyncAuditPublisher}. Like every publisher it never throws for a failing sink: failures are counted and
 * logged at WARN with the event type and tenant only.
 */
public final class SynchronousAuditPublisher implements AuditPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SynchronousAuditPublisher.class);

    private final AuditDelivery delivery;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** A publisher appending to {@code log} and forwarding to {@code downstream}, in order. */
    public SynchronousAuditPublisher(AuditLog log, List<AuditPublisher> downstream) {
        this.delivery = new AuditDelivery(log, downstream);
    }

    /** A publisher appending to {@code log} only. */
    public SynchronousAuditPublisher(AuditLog log) {
        this(log, List.of());
    }

    @Override
    public void publish(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        AuditDelivery.Outcome outcome = delivery.deliver(event);
        if (outcome.stored()) {
            stored.incrementAndGet();
        } else {
            failures.incrementAndGet();
        }
        failures.addAndGet(outcome.downstreamFailures());
    }

    /** Events appended to the log so far. */
    public long storedCount() {
        return stored.get();
    }

    /** Log appends and downstream calls that threw so far. */
    public long failureCount() {
        return failures.get();
    }
}
