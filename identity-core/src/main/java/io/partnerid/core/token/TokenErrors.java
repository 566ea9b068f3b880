package io.partnerid.core.token;

import io.partnerid.core.ErrorCode;

/**
 * Error codes of the token feature.
 *
 * <p>Constants only; thread-safe. Verification failures are not exceptions: they are
 * {@link TokenVerification.Rejected} results whose {@link RejectionReason#code()} uses the {@code token.*} codes
 * below; exceptions are for configuration and infrastructure faults.
 */
public final class TokenErrors {

    /** A key set has no CURRENT key to sign with. */
    public static final ErrorCode NO_SIGNING_KEY = ErrorCode.of("token.no_signing_key");
    /** A sealed private key did not open. */
    public static final ErrorCode KEY_UNSEALING_FAILED = ErrorCode.of("token.key_unsealing_failed");
    /** A token was requested for an organization that is unknown or not active. */
    public static final ErrorCode ORG_NOT_ACTIVE = ErrorCode.of("token.org_not_active", "invalid_request",
            "https://www.rfc-editor.org/rfc/rfc6749#section-5.2");
    /** The revocation store is full of unexpired revocations; fail closed. */
    public static final ErrorCode REVOCATION_STORE_FULL = ErrorCode.of("token.revocation_store_full");
    /** A resource server could not obtain the issuer's JWKS document. */
    public static final ErrorCode JWKS_UNAVAILABLE = ErrorCode.of("token.jwks_unavailable");
    /** A token status source (shared store or introspection endpoint) could not answer; fail closed. */
    public static final ErrorCode STATUS_UNAVAILABLE = ErrorCode.of("token.status_unavailable");

    private TokenErrors() {
    }
}
