package io.partnerid.core;

import java.util.Objects;

/**
 * The single unchecked root of every exception the SDK throws; it always carries an {@link ErrorCode}.
 *
 * <p>Instances are immutable once thrown and safe to share. {@link #clientDescription()} is safe to show to the
 * party that made the request: it never reveals whether a user, credential or organization exists. The exception
 * message ({@link #getMessage()}) may carry operator detail (ids, never secrets or tokens) and belongs in logs.
 */
public class IdentityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String clientDescription;

    public IdentityException(ErrorCode code, String clientDescription) {
        this(code, clientDescription, clientDescription, null);
    }

    public IdentityException(ErrorCode code, String clientDescription, String detail) {
        this(code, clientDescription, detail, null);
    }

    public IdentityException(ErrorCode code, String clientDescription, String detail, Throwable cause) {
        super(code.value() + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.clientDescription = Objects.requireNonNull(clientDescription, "clientDescription");
    }

    /** The machine-readable code; tests and adapters switch on this, never on the message. */
    public ErrorCode code() {
        return code;
    }

    /** Text that is safe to return to the client. */
    public String clientDescription() {
        return clientDescription;
    }
}
