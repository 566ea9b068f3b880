package io.partnerid.core.org;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of the organization tree.
 *
 * <p>Constants only; thread-safe.
 */
public final class OrgErrors {

    /** The organization does not exist (or, at client-facing boundaries, is not visible to the caller). */
    public static final ErrorCode NOT_FOUND = ErrorCode.of("org.not_found");

    /** A move would make an organization its own ancestor. */
    public static final ErrorCode CYCLE = ErrorCode.of("org.cycle");

    /** The organization, or the one an operation targets, is suspended. */
    public static final ErrorCode SUSPENDED = ErrorCode.of("org.suspended");

    /** The request is malformed (for example a root moved under nothing). */
    public static final ErrorCode INVALID_REQUEST = ErrorCode.of("org.invalid_request");

    private OrgErrors() {
    }

    static IdentityException notFound(OrgId id) {
        return new IdentityException(NOT_FOUND, "The organization was not found.", "organization " + id);
    }

    /** The exception for an operation on a suspended organization. */
    public static IdentityException suspended(OrgId id) {
        return new IdentityException(SUSPENDED, "The organization is suspended.", "organization " + id
                + " is suspended");
    }
}
