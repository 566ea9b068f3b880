package io.partnerid.core.audit;

/**
 * Receives every audit event the SDK emits.
 *
 * <p>Implementations must be thread-safe and <strong>must not block the caller</strong> on a slow sink: the SDK
 * publishes from request and administration paths. Slow sinks (a SIEM, a database) belong behind an asynchronous
 * hand-off. A publisher must not throw for a sink failure; it reports it through its own channel (a WARN log, a
 * counter).
 *
 * <p>Under overload a publisher may shed only {@linkplain AuditEvent#sheddable() sheddable} events (counted, never
 * thrown for). It never drops any other event silently: when it cannot take a state-change record it may wait
 * briefly for room and then throws {@link AuditUnavailableException} ({@code audit.unavailable}), so the operation
 * that produced the record fails. Callers publishing sheddable events may catch and log that exception; callers
 * recording a change let it propagate.
 */
@FunctionalInterface
public interface AuditPublisher {

    /**
     * Publishes one event; returns without waiting for the event to be stored.
     *
     * @throws AuditUnavailableException when a state-change (not sheddable) event cannot be accepted
     */
    void publish(AuditEvent event);

    /** A publisher that drops everything; only for tests that do not look at audit. */
    static AuditPublisher discarding() {
        return event -> { };
    }
}
