package io.partnerid.authz;

import io.partnerid.core.ErrorCode;

/**
 * Error codes of the authorization module.
 *
 * <p>Constants only; thread-safe.
 */
public final class AuthzErrors {

    /** A policy document is malformed or violates a guardrail; the exception lists every violation with its path. */
    public static final ErrorCode POLICY_INVALID = ErrorCode.of("authz.policy_invalid");

    /** A cross-organization grant request is not allowed (roles outside the grant, foreign organization). */
    public static final ErrorCode GRANT_INVALID = ErrorCode.of("authz.grant_invalid");

    /** The grant does not exist (or is not visible to the caller). */
    public static final ErrorCode GRANT_NOT_FOUND = ErrorCode.of("authz.grant_not_found");

    /**
     * A cross-organization grant id is already used by another grantor; only the grantor that created a grant may
     * update it under the same id.
     */
    public static final ErrorCode GRANT_ID_TAKEN = ErrorCode.of("authz.grant_id_taken");

    /** An AuthZEN message is malformed. */
    public static final ErrorCode AUTHZEN_INVALID = ErrorCode.of("authz.authzen_invalid", "invalid_request",
            "https://openid.net/specs/authorization-api-1_0.html");

    /** An entitlement configuration is invalid (unknown tier, bad quota). */
    public static final ErrorCode ENTITLEMENT_INVALID = ErrorCode.of("authz.entitlement_invalid");

    /** A risk configuration is invalid (bad CIDR, bad threshold). */
    public static final ErrorCode RISK_INVALID = ErrorCode.of("authz.risk_invalid");

    /** The quota store failed (database unavailable). */
    public static final ErrorCode QUOTA_STORE_FAILED = ErrorCode.of("authz.quota_store_failed");

    /** A geo-IP database file cannot be read (missing, unreadable, malformed or not a MaxMind DB). */
    public static final ErrorCode GEOIP_DATABASE_INVALID = ErrorCode.of("authz.geoip_database_invalid");

    private AuthzErrors() {
    }
}
