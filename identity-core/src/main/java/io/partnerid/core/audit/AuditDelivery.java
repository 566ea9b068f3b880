package io.partnerid.core.audit;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one event: appends it to the durable log, then hands it to each downstream publisher, isolating every
 * failure. Shared by the synchronous and the asynchronous publisher so that both treat sinks alike.
 *
 * <p>Thread-safe as its log and publishers are; holds no state of its own.
 */
final class AuditDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AuditDelivery.class);

    private final AuditLog log;
    private final List<AuditPublisher> downstream;

    AuditDelivery(AuditLog log, List<AuditPublisher> downstream) {
        this.log = Objects.requireNonNull(log, "log");
        this.downstream = List.copyOf(downstream);
    }

    /**
     * What happened to one event.
     *
     * @param stored whether the log stored it
     * @param downstreamFailures how many downstream publishers threw
     */
    record Outcome(boolean stored, int downstreamFailures) {
    }

    /** Delivers {@code event}; never throws for a failing sink (the failure is logged without event content). */
    Outcome deliver(AuditEvent event) {
        boolean stored;
        try {
            log.append(event.toEntry());
            stored = true;
        } catch (RuntimeException e) {
            stored = false;
            LOG.warn("Audit log append failed for a {} event of tenant {}: {}", event.type(), event.tenant(),
                    e.getClass().getName());
            LOG.debug("Audit log append failure", e);
        }
        int failures = 0;
        for (AuditPublisher next : downstream) {
            try {
                next.publish(event);
            } catch (RuntimeException e) {
                failures++;
                LOG.warn("Downstream audit publisher {} failed for a {} event of tenant {}: {}",
                        next.getClass().getName(), event.type(), event.tenant(), e.getClass().getName());
                LOG.debug("Downstream audit publisher failure", e);
            }
        }
        return new Outcome(stored, failures);
    }
}
