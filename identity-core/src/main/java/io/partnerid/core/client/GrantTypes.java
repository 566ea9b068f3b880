package io.partnerid.core.client;

/**
 * The OAuth 2.0 grant type identifiers the SDK knows by name. Grant types are an open vocabulary: a client may list
 * others (any visible ASCII string without spaces).
 *
 * <p>Constants only; thread-safe.
 */
public final class GrantTypes {

    /** RFC 6749 §4.1. */
    public static final String AUTHORIZATION_CODE = "authorization_code";
    /** RFC 6749 §4.4; only for confidential clients. */
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** RFC 6749 §6. */
    public static final String REFRESH_TOKEN = "refresh_token";
    /** RFC 8693 token exchange. */
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** RFC 7523 JWT bearer assertion. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** OpenID Connect CIBA. */
    public static final String CIBA = "urn:openid:params:grant-type:ciba";

    private GrantTypes() {
    }
}
