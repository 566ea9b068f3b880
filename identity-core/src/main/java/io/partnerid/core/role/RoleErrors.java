package io.partnerid.core.role;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of roles and role assignments.
 *
 * <p>Constants only; thread-safe.
 */
public final class RoleErrors {

    /** The role does not exist (or is not visible to the caller). */
    public static final ErrorCode NOT_FOUND = ErrorCode.of("role.not_found");

    /** The role assignment does not exist. */
    public static final ErrorCode ASSIGNMENT_NOT_FOUND = ErrorCode.of("role.assignment_not_found");

    /** The organization already defines a role of that name. */
    public static final ErrorCode NAME_TAKEN = ErrorCode.of("role.name_taken");

    /**
     * The role cannot be assigned at that organization: it is defined elsewhere and is not an inheritable role of an
     * ancestor.
     */
    public static final ErrorCode NOT_ASSIGNABLE = ErrorCode.of("role.not_assignable");

    /** The validity window is empty ({@code validFrom} not before {@code validUntil}) or already over. */
    public static final ErrorCode INVALID_WINDOW = ErrorCode.of("role.invalid_window");

    /**
     * The assignee is not affiliated with the organization: a user of another partner without an explicit
     * membership, or a group of an unrelated organization.
     */
    public static final ErrorCode ASSIGNEE_NOT_AFFILIATED = ErrorCode.of("role.assignee_not_affiliated");

    /** The request is malformed (bad name or permission). */
    public static final ErrorCode INVALID_REQUEST = ErrorCode.of("role.invalid_request");

    private RoleErrors() {
    }

    static IdentityException notFound(RoleId id) {
        return new IdentityException(NOT_FOUND, "The role was not found.", "role " + id);
    }
}
