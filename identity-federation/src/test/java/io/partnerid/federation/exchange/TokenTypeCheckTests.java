package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "check token types (T9)" alone: its accept path and each refusal with its error code.
 */
class TokenTypeCheckTests {

    private final ExchangeFixture f = new ExchangeFixture();

    private ParsedExchange parsed(TokenType subject, Optional<TokenType> actor, TokenType requested) {
        return new ParsedExchange(new PresentedToken("s", subject), actor.map(t -> new PresentedToken("a", t)),
                actor, requested, List.of(), Optional.empty());
    }

    @Test
    void checkWhenJwtTypesAndAccessTokenRequestedThenPassed() {
        ParsedExchange p = parsed(TokenType.ID_TOKEN, Optional.of(TokenType.JWT), TokenType.JWT);
        assertThat(passed(new TokenTypeCheck(Set.of()).check(p))).isSameAs(p);
    }

    @Test
    void checkWhenSubjectTypeHasNoValidatorThenUnsupportedTokenType() {
        assertRefused(new TokenTypeCheck(Set.of()).check(parsed(TokenType.SAML2, Optional.empty(),
                TokenType.ACCESS_TOKEN)), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        assertThat(passed(new TokenTypeCheck(Set.of(TokenType.SAML2)).check(parsed(TokenType.SAML2,
                Optional.empty(), TokenType.ACCESS_TOKEN)))).isNotNull();
    }

    @Test
    void checkWhenActorTypeUnsupportedThenUnsupportedTokenType() {
        assertRefused(new TokenTypeCheck(Set.of()).check(parsed(TokenType.ACCESS_TOKEN,
                Optional.of(TokenType.SAML1), TokenType.ACCESS_TOKEN)), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }

    @Test
    @DisplayName("RFC 8693 §2.2.1: an exchange never issues a refresh token")
    void checkWhenRefreshTokenRequestedThenUnsupportedTokenType() {
        assertRefused(new TokenTypeCheck(Set.of()).check(parsed(TokenType.ACCESS_TOKEN, Optional.empty(),
                TokenType.REFRESH_TOKEN)), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }
}
