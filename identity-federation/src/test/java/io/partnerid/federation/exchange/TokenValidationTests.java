package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.PARTNER_A;
import static io.partnerid.federation.exchange.ExchangeFixture.STS;
import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.token.JsonWebKeys;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.JwtValidator;
import io.partnerid.core.token.TokenVerification;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange steps "validate subject token" and "validate actor token" (T1, T9, T10, M4) alone: their accept
 * paths and each refusal with its error code.
 */
class TokenValidationTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final ExchangePolicy policy = f.acmePolicy().build();

    private TokenValidation validation(TokenValidation.Role role, Map<TokenType, AssertionValidator> assertions) {
        ExternalIssuerKeys keys = new ExternalIssuerKeys(uri -> f.jwksDocuments.get(uri), new JsonWebKeys(),
                f.clock, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(6));
        return new TokenValidation(role, f.tokens, STS, assertions, new JwtValidator(f.clock), keys, f.runtime);
    }

    private StepOutcome<ValidatedToken> validate(TokenValidation.Role role, String token, TokenType type) {
        TokenValidation v = validation(role, Map.of());
        PresentedToken presented = new PresentedToken(token, type);
        return v.validate(presented, v.claimedIssuer(presented), policy);
    }

    @Test
    void validateWhenTrustedPartnerTokenThenValidatedAsPartners() {
        ValidatedToken t = passed(validate(TokenValidation.Role.SUBJECT, f.partnerToken(), TokenType.ACCESS_TOKEN));

        assertThat(t.ours()).isFalse();
        assertThat(t.issuer()).isEqualTo(PARTNER_A);
        assertThat(t.trusted()).isPresent();
        assertThat(t.claims().subject()).contains("alice");
    }

    @Test
    void validateWhenOurTokenForThisStsThenValidatedAsOurs() {
        String ours = f.ourToken(f.acme, "bob", "portal", b -> { });
        ValidatedToken t = passed(validate(TokenValidation.Role.SUBJECT, ours, TokenType.ACCESS_TOKEN));
        assertThat(t.ours()).isTrue();
        assertThat(t.trusted()).isEmpty();
    }

    @Test
    void claimedIssuerWhenJwtThenItsIssUnverified() {
        PresentedToken token = new PresentedToken(f.partnerToken(), TokenType.ACCESS_TOKEN);
        assertThat(validation(TokenValidation.Role.SUBJECT, Map.of()).claimedIssuer(token)).contains(PARTNER_A);
    }

    @Test
    @DisplayName("T1: a token that is no JWT is invalid, with the role's code")
    void validateWhenNotAJwtThenSubjectOrActorTokenInvalid() {
        assertRefused(validate(TokenValidation.Role.SUBJECT, "garbage", TokenType.ACCESS_TOKEN),
                ExchangeErrors.SUBJECT_TOKEN_INVALID);
        assertRefused(validate(TokenValidation.Role.ACTOR, "garbage", TokenType.ACCESS_TOKEN),
                ExchangeErrors.ACTOR_TOKEN_INVALID);
    }

    @Test
    @DisplayName("T1: an expired partner token is invalid")
    void validateWhenPartnerTokenExpiredThenSubjectTokenInvalid() {
        String expired = f.partnerToken(f.partnerClaims(c -> c.put("exp",
                f.clock.instant().minusSeconds(3600).getEpochSecond())));
        assertRefused(validate(TokenValidation.Role.SUBJECT, expired, TokenType.ACCESS_TOKEN),
                ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    @Test
    @DisplayName("T10: issuer trust is per organization")
    void validateWhenIssuerNotTrustedByThisOrganizationThenIssuerNotTrusted() {
        String other = f.partnerToken(f.partnerClaims(c -> c.put("iss", ExchangeFixture.PARTNER_B)));
        assertRefused(validate(TokenValidation.Role.SUBJECT, other, TokenType.ACCESS_TOKEN),
                ExchangeErrors.ISSUER_NOT_TRUSTED);
    }

    @Test
    @DisplayName("M4: our token of another organization needs an explicit trust")
    void validateWhenOurTokenOfAnotherOrganizationThenOrgNotTrusted() {
        String supplierToken = f.ourToken(f.supplier, "sam", "portal", b -> { });
        assertRefused(validate(TokenValidation.Role.SUBJECT, supplierToken, TokenType.ACCESS_TOKEN),
                ExchangeErrors.ORG_NOT_TRUSTED);
    }

    @Test
    @DisplayName("T9: our access token declared as another type is a confusion attempt")
    void validateWhenOurTokenDeclaredAsJwtThenUnsupportedTokenType() {
        String ours = f.ourToken(f.acme, "bob", "portal", b -> { });
        assertRefused(validate(TokenValidation.Role.SUBJECT, ours, TokenType.JWT),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }

    @Test
    @DisplayName("T9/J8: a typ that does not fit the declared type")
    void validateWhenPartnerTypIsNotAtJwtThenUnsupportedTokenType() {
        String untyped = ExchangeFixture.sign(f.partnerAKey, "JWT", f.partnerClaims());
        assertRefused(validate(TokenValidation.Role.SUBJECT, untyped, TokenType.ACCESS_TOKEN),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }

    @Test
    void validateWhenAssertionValidatorAcceptsThenValidatedWithItsIssuer() {
        JwtClaims claims = JwtClaims.of(Map.of("iss", PARTNER_A, "sub", "carol",
                "exp", f.clock.instant().plusSeconds(60).getEpochSecond()));
        TokenValidation v = validation(TokenValidation.Role.SUBJECT,
                Map.of(TokenType.SAML2, (token, p, now) -> new TokenVerification.Verified(claims,
                        io.partnerid.core.token.SigningAlgorithm.RS256, Optional.empty())));
        PresentedToken saml = new PresentedToken("<Assertion/>", TokenType.SAML2);

        assertThat(v.claimedIssuer(saml)).isEmpty();
        ValidatedToken t = passed(v.validate(saml, Optional.empty(), policy));
        assertThat(t.issuer()).isEqualTo(PARTNER_A);
        assertThat(t.trusted()).isPresent();
    }

    @Test
    void validateWhenAssertionValidatorRejectsThenActorTokenInvalid() {
        TokenValidation v = validation(TokenValidation.Role.ACTOR, Map.of(TokenType.SAML2,
                (token, p, now) -> new TokenVerification.Rejected(io.partnerid.core.token.RejectionReason.EXPIRED)));
        assertRefused(v.validate(new PresentedToken("<Assertion/>", TokenType.SAML2), Optional.empty(), policy),
                ExchangeErrors.ACTOR_TOKEN_INVALID);
    }
}
