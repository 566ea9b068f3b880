package io.partnerid.federation.exchange;

import io.partnerid.core.ErrorCode;

/**
 * Error codes of token exchange, each mapped to its OAuth error and the RFC clause.
 *
 * <p>Constants only; thread-safe.
 */
public final class ExchangeErrors {

    private static final String RFC8693 = "https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2";
    private static final String RFC6749 = "https://www.rfc-editor.org/rfc/rfc6749#section-5.2";

    public static final ErrorCode MALFORMED_REQUEST = ErrorCode.of("exchange.malformed_request", "invalid_request",
            RFC8693);
    public static final ErrorCode UNSUPPORTED_GRANT = ErrorCode.of("exchange.unsupported_grant",
            "unsupported_grant_type", RFC6749);
    public static final ErrorCode UNSUPPORTED_TOKEN_TYPE = ErrorCode.of("exchange.unsupported_token_type",
            "invalid_request", RFC8693);
    public static final ErrorCode CLIENT_AUTHENTICATION_FAILED = ErrorCode.of("exchange.client_authentication_failed",
            "invalid_client", RFC6749);
    public static final ErrorCode CLIENT_NOT_ALLOWED = ErrorCode.of("exchange.client_not_allowed",
            "unauthorized_client", RFC6749);
    public static final ErrorCode SUBJECT_TOKEN_INVALID = ErrorCode.of("exchange.subject_token_invalid",
            "invalid_grant", "https://www.rfc-editor.org/rfc/rfc8693#section-2.1");
    public static final ErrorCode ACTOR_TOKEN_INVALID = ErrorCode.of("exchange.actor_token_invalid", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-2.1");
    public static final ErrorCode ISSUER_NOT_TRUSTED = ErrorCode.of("exchange.issuer_not_trusted", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-2.1");
    public static final ErrorCode ORG_NOT_TRUSTED = ErrorCode.of("exchange.org_not_trusted", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-5");
    public static final ErrorCode SUBJECT_NOT_USER = ErrorCode.of("exchange.subject_not_user", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-1.1");
    public static final ErrorCode ACTOR_NOT_ALLOWED = ErrorCode.of("exchange.actor_not_allowed", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-4.4");
    public static final ErrorCode DELEGATION_REQUIRED = ErrorCode.of("exchange.delegation_required", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-4.4");
    public static final ErrorCode IMPERSONATION_NOT_ALLOWED = ErrorCode.of("exchange.impersonation_not_allowed",
            "unauthorized_client", "https://www.rfc-editor.org/rfc/rfc8693#section-1.1");
    public static final ErrorCode DELEGATION_TOO_DEEP = ErrorCode.of("exchange.delegation_too_deep", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-4.1");
    public static final ErrorCode EXCHANGE_LOOP = ErrorCode.of("exchange.too_many_exchanges", "invalid_grant",
            "https://www.rfc-editor.org/rfc/rfc8693#section-5");
    public static final ErrorCode INVALID_TARGET = ErrorCode.of("exchange.invalid_target", "invalid_target", RFC8693);
    public static final ErrorCode INVALID_SCOPE = ErrorCode.of("exchange.invalid_scope", "invalid_scope", RFC6749);
    public static final ErrorCode JWKS_UNAVAILABLE = ErrorCode.of("exchange.jwks_unavailable");

    private ExchangeErrors() {
    }
}
