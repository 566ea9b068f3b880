package io.partnerid.core.group;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of groups.
 *
 * <p>Constants only; thread-safe.
 */
public final class GroupErrors {

    /** The group does not exist (or is not visible to the caller). */
    public static final ErrorCode NOT_FOUND = ErrorCode.of("group.not_found");

    /** A move would make a group its own ancestor. */
    public static final ErrorCode CYCLE = ErrorCode.of("group.cycle");

    /** A parent group belongs to another organization; nesting never crosses organizations. */
    public static final ErrorCode CROSS_ORG = ErrorCode.of("group.cross_org");

    /** The user is not affiliated with the group's organization (no home there and no explicit membership). */
    public static final ErrorCode MEMBER_NOT_AFFILIATED = ErrorCode.of("group.member_not_affiliated");

    /** The request is malformed (for example a blank name). */
    public static final ErrorCode INVALID_REQUEST = ErrorCode.of("group.invalid_request");

    private GroupErrors() {
    }

    static IdentityException notFound(GroupId id) {
        return new IdentityException(NOT_FOUND, "The group was not found.", "group " + id);
    }
}
