package io.partnerid.core.admin;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of delegated administration.
 *
 * <p>Constants only; thread-safe.
 */
public final class AdminErrors {

    /**
     * The actor may not perform the operation on the target: it lies outside the actor's admin subtrees, the actor
     * lacks the capability, or the target does not exist. One code for all three, so that a refusal never reveals
     * whether something exists outside the actor's reach.
     */
    public static final ErrorCode NOT_PERMITTED = ErrorCode.of("admin.not_permitted");

    /** The operation would grant a role, permission or capability the actor does not hold itself. */
    public static final ErrorCode ESCALATION = ErrorCode.of("admin.escalation");

    /** The request is malformed or conflicts with the target's state (for example a request already decided). */
    public static final ErrorCode INVALID_REQUEST = ErrorCode.of("admin.invalid_request");

    private AdminErrors() {
    }

    static IdentityException notPermitted(String detail) {
        return new IdentityException(NOT_PERMITTED, "The operation is not permitted.", detail);
    }

    static IdentityException escalation(String detail) {
        return new IdentityException(ESCALATION, "You cannot grant a privilege you do not hold.", detail);
    }

    static IdentityException invalid(String clientText, String detail) {
        return new IdentityException(INVALID_REQUEST, clientText, detail);
    }
}
