package io.partnerid.core.audit;

/**
 * Receives every audit event the SDK emits.
 *
 * <p>Implementations must be thread-safe and <strong>must not block the caller</strong>: the SDK publishes from
 * request and administration paths. Slow sinks (a SIEM, a database) belong behind an asynchronous hand-off. A
 * publisher must not throw for a sink failure; it reports it through its own channel (a WARN log, a counter).
 */
@FunctionalInterface
public interface AuditPublisher {

    /** Publishes one event; returns without waiting for the event to be stored. */
    void publish(AuditEvent event);

    /** A publisher that drops everything; only for tests that do not look at audit. */
    static AuditPublisher discarding() {
        return event -> { };
    }
}
