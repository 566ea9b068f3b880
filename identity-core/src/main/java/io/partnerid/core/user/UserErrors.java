package io.partnerid.core.user;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;

/**
 * Error codes of identity pools, users, federated identity links and memberships.
 *
 * <p>Constants only; thread-safe. Client-safe descriptions never say whether a user exists.
 */
public final class UserErrors {

    /** The user does not exist (or is not visible to the caller). */
    public static final ErrorCode NOT_FOUND = ErrorCode.of("user.not_found");

    /** The identity pool does not exist (or is not visible to the caller). */
    public static final ErrorCode POOL_NOT_FOUND = ErrorCode.of("user.pool_not_found");

    /** The requested status change is not an allowed lifecycle transition (see {@link UserStatus}). */
    public static final ErrorCode INVALID_TRANSITION = ErrorCode.of("user.invalid_transition");

    /** The username is already taken in the pool. */
    public static final ErrorCode USERNAME_TAKEN = ErrorCode.of("user.username_taken");

    /** The (issuer, subject) pair is already linked to a user (this one or another) of the same tenant. */
    public static final ErrorCode FEDERATED_IDENTITY_TAKEN = ErrorCode.of("user.federated_identity_taken");

    /**
     * The issuer is not registered to the user's organization or any of its ancestors (see
     * {@link FederatedIssuerResolver}), so no identity it asserts can be linked. Says nothing about other tenants.
     */
    public static final ErrorCode FEDERATED_ISSUER_NOT_REGISTERED =
            ErrorCode.of("user.federated_issuer_not_registered");

    /** An explicit membership was requested in the user's own home organization, which it needs none for. */
    public static final ErrorCode HOME_ORG_MEMBERSHIP = ErrorCode.of("user.home_org_membership");

    /** The request is malformed (bad username, e-mail, issuer, initial status…). */
    public static final ErrorCode INVALID_REQUEST = ErrorCode.of("user.invalid_request");

    private UserErrors() {
    }

    static IdentityException notFound(UserId id) {
        return new IdentityException(NOT_FOUND, "The user was not found.", "user " + id);
    }

    static IdentityException poolNotFound(PoolId id) {
        return new IdentityException(POOL_NOT_FOUND, "The identity pool was not found.", "pool " + id);
    }

    static IdentityException invalidRequest(String detail) {
        return new IdentityException(INVALID_REQUEST, "The request is invalid.", detail);
    }
}
