package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.BILLING;
import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "parse request (RFC 8693 §2.1)" alone: its accept path and each refusal with its error code.
 */
class ExchangeRequestParserTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final ExchangeRequestParser parser = new ExchangeRequestParser();

    @Test
    void parseWhenWellFormedThenTokensTargetsAndScopesRead() {
        ParsedExchange parsed = passed(parser.parse(exchangeForm("subject", "actor_token", "actor",
                "actor_token_type", TokenType.JWT.uri(), "audience", ORDERS, "resource", BILLING,
                "audience", ORDERS, "scope", "orders:read profile")));

        assertThat(parsed.subject()).isEqualTo(new PresentedToken("subject", TokenType.ACCESS_TOKEN));
        assertThat(parsed.actor()).contains(new PresentedToken("actor", TokenType.JWT));
        assertThat(parsed.targets()).containsExactly(ORDERS, BILLING);
        assertThat(parsed.requestedScopes()).contains(Set.of("orders:read", "profile"));
        assertThat(parsed.requestedType()).isEqualTo(TokenType.ACCESS_TOKEN);
        assertThat(parsed.toString()).doesNotContain("subject,").doesNotContain("actor,");
    }

    @Test
    @DisplayName("RFC 8693 §2.1 grant_type: only urn:ietf:params:oauth:grant-type:token-exchange")
    void parseWhenOtherGrantTypeThenUnsupportedGrant() {
        assertRefused(parser.parse(ExchangeFixture.form("grant_type", "client_credentials")),
                ExchangeErrors.UNSUPPORTED_GRANT);
        assertRefused(parser.parse(ExchangeFixture.form("subject_token", "x")), ExchangeErrors.UNSUPPORTED_GRANT);
    }

    @Test
    void parseWhenSingleValuedParameterRepeatedThenMalformedRequest() {
        Map<String, List<String>> form = exchangeForm("subject", "scope", "a", "scope", "b");
        assertRefused(parser.parse(form), ExchangeErrors.MALFORMED_REQUEST);
    }

    @Test
    void parseWhenSubjectTokenTypeMissingThenMalformedRequest() {
        Map<String, List<String>> form = exchangeForm("subject");
        form.remove("subject_token_type");
        assertRefused(parser.parse(form), ExchangeErrors.MALFORMED_REQUEST);
    }

    @Test
    @DisplayName("RFC 8707 §2: a resource is an absolute URI without a fragment")
    void parseWhenResourceRelativeOrWithFragmentThenInvalidTarget() {
        assertRefused(parser.parse(exchangeForm("subject", "resource", "/orders")), ExchangeErrors.INVALID_TARGET);
        assertRefused(parser.parse(exchangeForm("subject", "resource", ORDERS + "#x")),
                ExchangeErrors.INVALID_TARGET);
    }
}
