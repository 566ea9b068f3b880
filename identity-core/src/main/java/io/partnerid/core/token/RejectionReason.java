package io.partnerid.core.token;

import io.partnerid.core.ErrorCode;
import java.util.Locale;

/**
 * Why a token was rejected. The reason goes to DEBUG logs and audit events; clients only ever see
 * {@link #CLIENT_DESCRIPTION}.
 *
 * <p>Immutable and thread-safe.
 */
public enum RejectionReason {
    /** Not a compact JWS, or its parts are not base64url JSON. */
    MALFORMED,
    /** Larger than the validator's limit. */
    TOO_LARGE,
    /** A JWE or another serialization the SDK does not accept as a bearer token (RFC 8725 §3.3). */
    UNSUPPORTED_FORM,
    /** {@code alg} is {@code none}, symmetric, unknown, or not allowed for this issuer (RFC 8725 §3.1). */
    ALGORITHM_NOT_ALLOWED,
    /** A {@code crit} header parameter the SDK does not understand (RFC 7515 §4.1.11). */
    UNSUPPORTED_CRITICAL_HEADER,
    /**
     * {@code jku}, {@code x5u}, an embedded {@code jwk}, a certificate chain {@code x5c} or a thumbprint {@code x5t} /
     * {@code x5t#S256}: keys are never taken from, or chosen by, a token (RFC 8725 §3.10).
     */
    KEY_REFERENCE_IN_HEADER,
    /** {@code typ} does not fit this use (RFC 8725 §3.11, RFC 9068 §4). */
    WRONG_TYPE,
    /** No configured key matches {@code kid} and {@code alg}. */
    UNKNOWN_KEY,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** {@code iss} is not exactly the expected issuer. */
    WRONG_ISSUER,
    /** {@code aud} does not name this recipient. */
    WRONG_AUDIENCE,
    /** {@code exp} has passed (beyond the allowed skew). */
    EXPIRED,
    /** {@code nbf} is in the future (beyond the allowed skew). */
    NOT_YET_VALID,
    /** {@code iat} is in the future (beyond the allowed skew). */
    ISSUED_IN_FUTURE,
    /** {@code iat} is older than the maximum age. */
    TOO_OLD,
    /** A required claim ({@code sub}, {@code exp}, {@code iat}, {@code jti}, …) is missing or of the wrong type. */
    MISSING_CLAIM,
    /** The token's {@code jti} was revoked. */
    REVOKED,
    /** The token's organization is unknown or suspended. */
    ORG_NOT_ACTIVE,
    /** The issuer reports the token not active without saying why (RFC 7662 §2.2: revoked, suspended, unknown). */
    INACTIVE,
    /** Revocation or organization status could not be checked (the status source failed): fail closed. */
    STATUS_UNAVAILABLE;

    /** The only text a client sees for any rejection (RFC 6750 §3.1 wording). */
    public static final String CLIENT_DESCRIPTION =
            "The access token provided is expired, revoked, malformed, or invalid for other reasons.";

    /** The namespaced error code, {@code token.<reason>}, mapped to OAuth {@code invalid_token}. */
    public ErrorCode code() {
        return ErrorCode.of("token." + name().toLowerCase(Locale.ROOT), "invalid_token",
                "https://www.rfc-editor.org/rfc/rfc6750#section-3.1");
    }
}
