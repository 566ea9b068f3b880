package io.partnerid.core.token;

/**
 * What a {@link TokenStatusResolver} knows about a verified access token beyond its signature and claims: whether it
 * was revoked and whether its organization is active.
 *
 * <p>Immutable and thread-safe (a closed set).
 */
public enum TokenStatus {
    /** Not revoked, and the organization exists and is active. */
    ACTIVE,
    /** The token's {@code jti} was revoked. */
    REVOKED,
    /** The token's organization is unknown or suspended (itself or an ancestor). */
    ORGANIZATION_NOT_ACTIVE,
    /**
     * The issuer says the token is not active without saying why (an RFC 7662 introspection response
     * {@code "active": false}): revoked, its organization suspended, or unknown to the issuer.
     */
    INACTIVE
}
