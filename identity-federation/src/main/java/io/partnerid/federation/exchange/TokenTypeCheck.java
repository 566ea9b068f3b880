package io.partnerid.federation.exchange;

import java.util.Objects;
import java.util.Set;

/**
 * Step "check token types" (T9, RFC 8693 §2.2.2 / §3): the subject and actor token types are ones this service
 * validates, and the requested type is an access token or JWT (never a refresh token).
 *
 * <p>Immutable and thread-safe; one instance serves every request.
 */
final class TokenTypeCheck {

    /** The types the SDK validates itself. */
    static final Set<TokenType> JWT_TYPES = Set.of(TokenType.ACCESS_TOKEN, TokenType.JWT, TokenType.ID_TOKEN);

    private final Set<TokenType> assertionTypes;

    /** @param assertionTypes the non-JWT types the host registered an {@link AssertionValidator} for */
    TokenTypeCheck(Set<TokenType> assertionTypes) {
        this.assertionTypes = Set.copyOf(Objects.requireNonNull(assertionTypes, "assertionTypes"));
    }

    /** Passes {@code request} on; refuses {@code exchange.unsupported_token_type}. */
    StepOutcome<ParsedExchange> check(ParsedExchange request) {
        if (!supported(request.subject().type()) || request.actorType().map(t -> !supported(t)).orElse(false)) {
            return StepOutcome.refuse(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The token type is not supported.");
        }
        TokenType requested = request.requestedType();
        if (!requested.equals(TokenType.ACCESS_TOKEN) && !requested.equals(TokenType.JWT)) {
            // no refresh tokens (or anything else) from an exchange
            return StepOutcome.refuse(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE,
                    "The requested token type is not supported.");
        }
        return StepOutcome.pass(request);
    }

    private boolean supported(TokenType type) {
        return JWT_TYPES.contains(type) || assertionTypes.contains(type);
    }
}
