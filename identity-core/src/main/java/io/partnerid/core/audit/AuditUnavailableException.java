package io.partnerid.core.audit;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Thrown by an {@link AuditPublisher} that cannot take a state-change record (one that is not
 * {@linkplain AuditEvent#sheddable() sheddable}): its queue stayed full for the whole wait, or it is closed. The
 * operation that produced the record fails instead of losing its record silently.
 *
 * <p>Immutable once thrown. The code is {@link #CODE} ({@code audit.unavailable}); the client description says only
 * that the operation could not be recorded.
 */
public final class AuditUnavailableException extends IdentityException {

    /** The audit trail could not take a state-change record in time; the operation is refused. */
    public static final ErrorCode CODE = ErrorCode.of("audit.unavailable");

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a record that was not accepted.
     *
     * @param detail why, for operators: the event type, the tenant id and counts, never the event's content
     */
    public AuditUnavailableException(String detail) {
        super(CODE, "The operation could not be recorded in the audit trail; try again later.", detail);
    }
}
