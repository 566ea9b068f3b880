package io.partnerid.core.audit;

import io.partnerid.core.ErrorCode;

/**
 * Error codes of the audit feature.
 *
 * <p>Constants only; thread-safe.
 */
public final class AuditErrors {

    /**
     * Text of an audit entry (type, actor, a detail key or value) is not well-formed UTF-16: it holds an unpaired
     * surrogate, which has no UTF-8 encoding. Such an entry is refused rather than stored in a lossy form that could
     * hash like a different entry.
     */
    public static final ErrorCode INVALID_TEXT = ErrorCode.of("audit.invalid_text");

    private AuditErrors() {
    }
}
