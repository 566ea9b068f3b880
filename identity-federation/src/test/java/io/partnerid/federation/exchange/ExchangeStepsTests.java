package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.BILLING;
import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.PARTNER_A;
import static io.partnerid.federation.exchange.ExchangeFixture.SECRET;
import static io.partnerid.federation.exchange.ExchangeFixture.STS;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.ActClaim;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JsonWebKeys;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.JwtValidator;
import io.partnerid.core.token.TokenVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each step of {@link TokenExchangeService} alone: its accept path and every refusal with its error code. The
 * end-to-end behaviour is in {@link TokenExchangeServiceTests} and {@link TokenExchangeSecurityTests}.
 */
class ExchangeStepsTests {

    private final ExchangeFixture f = new ExchangeFixture();

    static <T> T passed(StepOutcome<T> outcome) {
        assertThat(outcome).isInstanceOf(StepOutcome.Pass.class);
        return ((StepOutcome.Pass<T>) outcome).value();
    }

    static void assertRefused(StepOutcome<?> outcome, ErrorCode code) {
        assertThat(outcome).isInstanceOf(StepOutcome.Refuse.class);
        assertThat(((StepOutcome.Refuse<?>) outcome).code()).isEqualTo(code);
    }

    /** A validated token with these claims (ours or a partner's, as the flag says). */
    private ValidatedToken token(boolean ours, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ours ? ExchangeFixture.ISSUER : PARTNER_A);
        claims.put("sub", "alice");
        claims.put("exp", f.clock.instant().plusSeconds(600).getEpochSecond());
        claims.put("scope", "orders:read orders:write admin");
        if (ours) {
            claims.put(JwtClaims.ORG_ID, f.acme.value());
        }
        change.accept(claims);
        return new ValidatedToken(JwtClaims.of(claims), (String) claims.get("iss"), ours,
                ours ? Optional.empty() : Optional.of(ExchangeFixture.trusted(PARTNER_A, ExchangeFixture.JWKS_A)));
    }

    private ExchangePolicy acmePolicy(Consumer<ExchangePolicy.Builder> change) {
        ExchangePolicy.Builder b = f.acmePolicy();
        change.accept(b);
        return b.build();
    }

    private ExchangeClient gateway() {
        return ExchangeFixture.client("gateway", f.acme).allowedScopes("orders:read", "orders:write", "profile")
                .allowedAudiences(ORDERS, BILLING).build();
    }

    /** Step "parse request (RFC 8693 §2.1)". */
    @Nested
    class ParseRequest {
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

    /** Step "authenticate client (R5)". */
    @Nested
    class AuthenticateClient {

        @Test
        void authenticateWhenOwnClientWithRightSecretThenClient() {
            ExchangeClient client = passed(new ClientAuthentication(f.clients).authenticate(f.acme,
                    ClientCredentials.of("gateway", SECRET)));
            assertThat(client.clientId()).isEqualTo("gateway");
        }

        @Test
        void authenticateWhenWrongSecretThenClientAuthenticationFailed() {
            assertRefused(new ClientAuthentication(f.clients).authenticate(f.acme, ClientCredentials.of("gateway",
                    "wrong")), ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
        }

        @Test
        @DisplayName("R5: a client owned by another organization is refused even when ExchangeClients returns it")
        void authenticateWhenClientsAnswerWithAnotherOrganizationsClientThenClientAuthenticationFailed() {
            ExchangeClient supplierClient = ExchangeFixture.client("supplier-svc", f.supplier).build();
            ExchangeClients careless = (org, credentials) -> Optional.of(supplierClient);

            assertRefused(new ClientAuthentication(careless).authenticate(f.acme, ClientCredentials.of(
                    "supplier-svc", SECRET)), ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
        }
    }

    /** Step "resolve policy (T7)". */
    @Nested
    class ResolvePolicy {
        private final PolicyResolution resolution = new PolicyResolution(f.organizationStatus, f.policies);

        @Test
        void resolveWhenActiveOrganizationAllowsClientThenItsPolicy() {
            assertThat(passed(resolution.resolve(f.acme, gateway())).org()).isEqualTo(f.acme);
        }

        @Test
        void resolveWhenClientNotRegisteredForTheGrantThenClientNotAllowed() {
            ExchangeClient reporting = ExchangeFixture.client("reporting", f.acme).tokenExchangeAllowed(false).build();
            assertRefused(resolution.resolve(f.acme, reporting), ExchangeErrors.CLIENT_NOT_ALLOWED);
        }

        @Test
        void resolveWhenPolicyDoesNotListClientThenClientNotAllowed() {
            assertRefused(resolution.resolve(f.acme, ExchangeFixture.client("other", f.acme).build()),
                    ExchangeErrors.CLIENT_NOT_ALLOWED);
        }

        @Test
        void resolveWhenOrganizationHasNoPolicyThenClientNotAllowed() {
            PolicyResolution empty = new PolicyResolution(f.organizationStatus,
                    new InMemoryExchangePolicyRepository());
            assertRefused(empty.resolve(f.acme, gateway()), ExchangeErrors.CLIENT_NOT_ALLOWED);
        }

        @Test
        void resolveWhenOrganizationUnknownThenClientNotAllowed() {
            assertRefused(resolution.resolve(OrgId.of("nowhere"), gateway()), ExchangeErrors.CLIENT_NOT_ALLOWED);
        }

        @Test
        @DisplayName("a suspended organization exchanges nothing (read through the status cache)")
        void resolveWhenOrganizationSuspendedThenClientNotAllowed() {
            f.orgRepository.suspendSubtree(f.orgRepository.findById(f.acme).orElseThrow().path(), f.acme);

            assertRefused(resolution.resolve(f.acme, gateway()), ExchangeErrors.CLIENT_NOT_ALLOWED);
        }
    }

    /** Step "check token types (T9)". */
    @Nested
    class CheckTokenTypes {

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

    /** Step "validate subject token / validate actor token (T1, T9, T10, M4)". */
    @Nested
    class ValidateToken {
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

    /** Step "check the subject is a user (T8)". */
    @Nested
    class CheckUserSubject {
        private final UserSubjectCheck check = new UserSubjectCheck();

        @Test
        void checkWhenUserSubjectThenPassed() {
            ValidatedToken user = token(false, c -> c.put("client_id", "portal"));
            assertThat(passed(check.check(user, acmePolicy(b -> b.requireUserSubject(true))))).isSameAs(user);
        }

        @Test
        @DisplayName("RFC 8693 §1.1: on-behalf-of needs a user; a client-credentials token names the client as sub")
        void checkWhenClientIsItsOwnSubjectThenSubjectNotUser() {
            ValidatedToken client = token(false, c -> c.put("client_id", "alice"));
            assertRefused(check.check(client, acmePolicy(b -> b.requireUserSubject(true))),
                    ExchangeErrors.SUBJECT_NOT_USER);
            ValidatedToken azp = token(false, c -> c.put("azp", "alice"));
            assertRefused(check.check(azp, acmePolicy(b -> b.requireUserSubject(true))),
                    ExchangeErrors.SUBJECT_NOT_USER);
            assertThat(passed(check.check(client, acmePolicy(b -> b.requireUserSubject(false))))).isSameAs(client);
        }
    }

    /** Step "check delegation (RFC 8693 §4.1, §4.4; T2-T4, T11)". */
    @Nested
    class CheckDelegation {
        private final DelegationCheck check = new DelegationCheck();
        private final ValidatedToken actor = token(false, c -> c.put("sub", "agent-7"));

        @Test
        @DisplayName("RFC 8693 §4.1: the current actor is the top-level act; prior actors are nested")
        void checkWhenActorGivenThenActorTopLevelAndPriorChainNested() {
            ValidatedToken subject = token(true, c -> c.put("act", Map.of("sub", "first-agent")));

            DelegationCheck.Delegation d = passed(check.check(subject, Optional.of(actor), acmePolicy(b -> { })));

            ActClaim act = d.act().orElseThrow();
            assertThat(act.subject()).isEqualTo("agent-7");
            assertThat(act.issuer()).contains(PARTNER_A);
            assertThat(act.prior().map(ActClaim::subject)).contains("first-agent");
            assertThat(d.exchangeCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 8693 §4.4: may_act without an actor token")
        void checkWhenMayActAndNoActorThenDelegationRequired() {
            ValidatedToken subject = token(false, c -> c.put("may_act", Map.of("sub", "agent-7")));
            assertRefused(check.check(subject, Optional.empty(), acmePolicy(b -> { })),
                    ExchangeErrors.DELEGATION_REQUIRED);
        }

        @Test
        @DisplayName("RFC 8693 §4.4: the actor must be the party may_act names (sub, and iss when given)")
        void checkWhenMayActNamesAnotherPartyThenActorNotAllowed() {
            ValidatedToken other = token(false, c -> c.put("may_act", Map.of("sub", "someone-else")));
            assertRefused(check.check(other, Optional.of(actor), acmePolicy(b -> { })),
                    ExchangeErrors.ACTOR_NOT_ALLOWED);
            ValidatedToken wrongIssuer = token(false, c -> c.put("may_act", Map.of("sub", "agent-7",
                    "iss", "https://elsewhere.example")));
            assertRefused(check.check(wrongIssuer, Optional.of(actor), acmePolicy(b -> { })),
                    ExchangeErrors.ACTOR_NOT_ALLOWED);
            ValidatedToken named = token(false, c -> c.put("may_act", Map.of("sub", "agent-7", "iss", PARTNER_A)));
            assertThat(passed(check.check(named, Optional.of(actor), acmePolicy(b -> { }))).act()).isPresent();
        }

        @Test
        void checkWhenNoActorAndPolicyForbidsImpersonationThenImpersonationNotAllowed() {
            assertRefused(check.check(token(false, c -> { }), Optional.empty(),
                    acmePolicy(b -> b.allowImpersonation(false))), ExchangeErrors.IMPERSONATION_NOT_ALLOWED);
            assertThat(passed(check.check(token(false, c -> { }), Optional.empty(),
                    acmePolicy(b -> b.allowImpersonation(true)))).act()).isEmpty();
        }

        @Test
        @DisplayName("T4: the new act chain must not exceed the policy's depth")
        void checkWhenChainDeeperThanPolicyThenDelegationTooDeep() {
            ValidatedToken subject = token(true, c -> c.put("act", Map.of("sub", "a1", "act", Map.of("sub", "a2"))));
            assertRefused(check.check(subject, Optional.of(actor), acmePolicy(b -> b.maxDelegationDepth(2))),
                    ExchangeErrors.DELEGATION_TOO_DEEP);
            assertThat(passed(check.check(subject, Optional.of(actor), acmePolicy(b -> b.maxDelegationDepth(3))))
                    .act().map(ActClaim::depth)).contains(3);
        }

        @Test
        @DisplayName("T11: each exchange of our token counts; beyond maxExchanges it is a loop")
        void checkWhenOurTokenExchangedTooOftenThenTooManyExchanges() {
            ValidatedToken subject = token(true, c -> c.put(TokenExchangeService.EXCHANGE_COUNT_CLAIM, 3L));
            assertRefused(check.check(subject, Optional.empty(), acmePolicy(b -> b.maxExchanges(3))),
                    ExchangeErrors.EXCHANGE_LOOP);
            assertThat(passed(check.check(subject, Optional.empty(), acmePolicy(b -> b.maxExchanges(4))))
                    .exchangeCount()).isEqualTo(4);
            ValidatedToken partners = token(false, c -> c.put(TokenExchangeService.EXCHANGE_COUNT_CLAIM, 3L));
            assertThat(passed(check.check(partners, Optional.empty(), acmePolicy(b -> b.maxExchanges(3))))
                    .exchangeCount()).as("a partner's xch is not ours to count").isEqualTo(1);
        }
    }

    /** Step "check audience (T5, RFC 8707)". */
    @Nested
    class CheckAudience {
        private final TargetCheck check = new TargetCheck();

        @Test
        void checkWhenEveryTargetReachableAndAllowedThenThoseTargets() {
            assertThat(passed(check.check(List.of(ORDERS, BILLING), acmePolicy(b -> { }), gateway())))
                    .containsExactly(ORDERS, BILLING);
        }

        @Test
        void checkWhenNoTargetThenPolicyDefaultOrInvalidTarget() {
            assertThat(passed(check.check(List.of(), acmePolicy(b -> b.defaultAudience(ORDERS)), gateway())))
                    .containsExactly(ORDERS);
            assertRefused(check.check(List.of(), acmePolicy(b -> { }), gateway()), ExchangeErrors.INVALID_TARGET);
        }

        @Test
        @DisplayName("RFC 8693 §2.2.2 invalid_target: one unreachable target refuses the whole request")
        void checkWhenOneTargetNotReachableOrNotAllowedThenInvalidTarget() {
            assertRefused(check.check(List.of(ORDERS, "https://elsewhere.example"), acmePolicy(b -> { }), gateway()),
                    ExchangeErrors.INVALID_TARGET);
            ExchangeClient ordersOnly = ExchangeFixture.client("gateway", f.acme).allowedAudiences(ORDERS).build();
            assertRefused(check.check(List.of(ORDERS, BILLING), acmePolicy(b -> { }), ordersOnly),
                    ExchangeErrors.INVALID_TARGET);
        }
    }

    /** Step "check scope (T6)". */
    @Nested
    class CheckScope {
        private final ScopeCheck check = new ScopeCheck();
        private final ValidatedToken subject = token(false, c -> { });

        @Test
        void checkWhenRequestedWithinSubjectAndClientThenRequested() {
            assertThat(passed(check.check(Optional.of(Set.of("orders:read")), subject, gateway())))
                    .containsExactly("orders:read");
        }

        @Test
        void checkWhenNothingRequestedThenIntersectionOfSubjectAndClient() {
            assertThat(passed(check.check(Optional.empty(), subject, gateway())))
                    .containsExactlyInAnyOrder("orders:read", "orders:write");
        }

        @Test
        @DisplayName("T6: the SDK never widens: admin is the subject's but not the client's; profile the reverse")
        void checkWhenRequestedBeyondIntersectionThenInvalidScope() {
            assertRefused(check.check(Optional.of(Set.of("admin")), subject, gateway()), ExchangeErrors.INVALID_SCOPE);
            assertRefused(check.check(Optional.of(Set.of("profile")), subject, gateway()),
                    ExchangeErrors.INVALID_SCOPE);
        }
    }

    /** Step "bound the lifetime (T11)". */
    @Nested
    class BoundLifetime {
        private final LifetimeCheck check = new LifetimeCheck(Duration.ofHours(1), f.runtime);

        private ValidatedToken expiringIn(long seconds) {
            return token(false, c -> c.put("exp", f.clock.instant().plusSeconds(seconds).getEpochSecond()));
        }

        @Test
        void checkWhenTokensOutlivePolicyThenPolicyMaximum() {
            assertThat(passed(check.check(expiringIn(3600), Optional.empty(), acmePolicy(b -> { }))))
                    .isEqualTo(Duration.ofMinutes(10));
            assertThat(passed(new LifetimeCheck(Duration.ofMinutes(5), f.runtime).check(expiringIn(3600),
                    Optional.empty(), acmePolicy(b -> { })))).as("the issuer's maximum").isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        @DisplayName("T11: never outlives the subject or the actor token")
        void checkWhenSubjectOrActorExpiresSoonerThenTheirRemainingLifetime() {
            assertThat(passed(check.check(expiringIn(120), Optional.empty(), acmePolicy(b -> { }))))
                    .isEqualTo(Duration.ofSeconds(120));
            assertThat(passed(check.check(expiringIn(120), Optional.of(expiringIn(30)), acmePolicy(b -> { }))))
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void checkWhenLessThanOneSecondLeftThenSubjectTokenInvalid() {
            f.clock.advance(Duration.ofMillis(500));
            Instant exp = f.clock.instant().plusMillis(600);
            ValidatedToken subject = token(false, c -> c.put("exp", exp.getEpochSecond()));
            assertRefused(check.check(subject, Optional.empty(), acmePolicy(b -> { })),
                    ExchangeErrors.SUBJECT_TOKEN_INVALID);
        }
    }

    /** Step "map the subject (R1)". */
    @Nested
    class MapSubject {
        private final SubjectMapping mapping = new SubjectMapping();

        @Test
        @DisplayName("R1: a partner's sub becomes a ForeignSubject; its acr/amr are dropped unless trusted")
        void mapWhenPartnerSubjectThenForeignSubjectWithOriginAndNoAuthenticationContext() {
            ValidatedToken partner = token(false, c -> {
                c.put("acr", "urn:partner:mfa");
                c.put("amr", List.of("mfa"));
            });

            SubjectMapping.MappedSubject m = passed(mapping.map(partner, f.acme));

            assertThat(m.subject()).isEqualTo(ForeignSubject.of(PARTNER_A, "alice").value());
            assertThat(m.originIssuer()).contains(PARTNER_A);
            assertThat(m.originSubject()).contains("alice");
            assertThat(m.acr()).isEmpty();
            assertThat(m.amr()).isEmpty();
            assertThat(m.roles()).isEmpty();
        }

        @Test
        void mapWhenPartnerTrustedForAuthenticationContextThenAcrAndAmrCarried() {
            Map<String, Object> claims = Map.of("iss", PARTNER_A, "sub", "alice", "acr", "urn:partner:mfa",
                    "amr", List.of("mfa"));
            ValidatedToken partner = new ValidatedToken(JwtClaims.of(claims), PARTNER_A, false, Optional.of(
                    ExchangeFixture.trustedIssuer(PARTNER_A, ExchangeFixture.JWKS_A).trustAuthenticationContext(true)
                            .build()));

            SubjectMapping.MappedSubject m = passed(mapping.map(partner, f.acme));

            assertThat(m.acr()).contains("urn:partner:mfa");
            assertThat(m.amr()).containsExactly("mfa");
        }

        @Test
        void mapWhenOurSubjectOfThisOrganizationThenRolesAndPoolCarried() {
            ValidatedToken ours = token(true, c -> {
                c.put(JwtClaims.ROLES, List.of("buyer"));
                c.put(JwtClaims.ORG_POOL, "staff");
                c.put("acr", "urn:ours:mfa");
            });

            SubjectMapping.MappedSubject m = passed(mapping.map(ours, f.acme));

            assertThat(m.subject()).isEqualTo("alice");
            assertThat(m.roles()).containsExactly("buyer");
            assertThat(m.pool()).contains("staff");
            assertThat(m.acr()).contains("urn:ours:mfa");
            assertThat(m.subjectOrg()).isEmpty();
            assertThat(m.originIssuer()).isEmpty();
        }

        @Test
        void mapWhenOurSubjectOfAnotherOrganizationThenNoRolesAndSubOrgNamed() {
            ValidatedToken ours = token(true, c -> c.put(JwtClaims.ROLES, List.of("buyer")));

            SubjectMapping.MappedSubject m = passed(mapping.map(ours, f.supplier));

            assertThat(m.roles()).isEmpty();
            assertThat(m.subjectOrg()).contains(f.acme);
        }

        @Test
        @DisplayName("R1: our token carrying a foreign subject keeps it; one from before namespacing is namespaced")
        void mapWhenOurTokenCarriesForeignSubjectThenItStaysForeign() {
            String foreign = ForeignSubject.of(PARTNER_A, "alice").value();
            ValidatedToken reExchanged = token(true, c -> {
                c.put("sub", foreign);
                c.put(ForeignSubject.ISSUER_CLAIM, PARTNER_A);
                c.put(ForeignSubject.SUBJECT_CLAIM, "alice");
            });
            SubjectMapping.MappedSubject m = passed(mapping.map(reExchanged, f.acme));
            assertThat(m.subject()).isEqualTo(foreign);
            assertThat(m.originSubject()).contains("alice");

            ValidatedToken legacy = token(true, c -> c.put(ForeignSubject.ISSUER_CLAIM, PARTNER_A));
            SubjectMapping.MappedSubject n = passed(mapping.map(legacy, f.acme));
            assertThat(n.subject()).isEqualTo(foreign);
            assertThat(n.originSubject()).contains("alice");
        }

        @Test
        void mapWhenPartnerIssuerEmptyOrSubjectNotWellFormedThenSubjectTokenInvalid() {
            ValidatedToken noIssuer = new ValidatedToken(JwtClaims.of(Map.of("sub", "alice")), "", false,
                    Optional.empty());
            assertRefused(mapping.map(noIssuer, f.acme), ExchangeErrors.SUBJECT_TOKEN_INVALID);
            ValidatedToken surrogate = token(false, c -> c.put("sub", "alice\uD800"));
            assertRefused(mapping.map(surrogate, f.acme), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        }
    }

    /** Step "issue". */
    @Nested
    class Issue {

        @Test
        void issueWhenGrantedThenTokenCarriesWhatTheStepsGranted() {
            SubjectMapping.MappedSubject subject = new SubjectMapping.MappedSubject(
                    ForeignSubject.of(PARTNER_A, "alice").value(), Optional.of(PARTNER_A), Optional.of("alice"),
                    Optional.empty(), List.of(), Set.of(), Optional.empty(), Optional.of(f.supplier));
            DelegationCheck.Delegation delegation = new DelegationCheck.Delegation(Optional.of(new ActClaim("agent-7",
                    Optional.of(PARTNER_A), Optional.empty())), 2);

            ExchangeOutcome.Issued issued = new TokenIssuance(f.tokens).issue(new TokenIssuance.ExchangeGrant(f.acme,
                    "gateway", subject, delegation, List.of(ORDERS), Set.of("orders:read"), Duration.ofSeconds(90),
                    TokenType.ACCESS_TOKEN));

            assertThat(issued.expiresInSeconds()).isEqualTo(90);
            assertThat(issued.delegated()).isTrue();
            assertThat(issued.scopes()).containsExactly("orders:read");
            JwtClaims claims = f.tokens.verify(issued.accessToken(), ORDERS).verifiedClaims().orElseThrow();
            assertThat(claims.subject()).contains(subject.subject());
            assertThat(claims.string(TokenExchangeService.SUBJECT_ISSUER_CLAIM)).contains(PARTNER_A);
            assertThat(claims.string(TokenExchangeService.EXTERNAL_SUBJECT_CLAIM)).contains("alice");
            assertThat(claims.string(TokenExchangeService.SUBJECT_ORG_CLAIM)).contains(f.supplier.value());
            assertThat(claims.get(TokenExchangeService.EXCHANGE_COUNT_CLAIM)).contains(2L);
            assertThat(ActClaim.from(claims).map(ActClaim::subject)).contains("agent-7");
            assertThat(claims.jwtId()).contains(issued.jwtId());
        }
    }

    /** Step "audit". */
    @Nested
    class Audit {

        @Test
        void publishWhenRefusedThenEventWithCodeAndTraceButNoToken() {
            ExchangeAudit audit = new ExchangeAudit(f.organizationStatus, f.events::add, f.runtime);
            ExchangeAudit.Trace trace = new ExchangeAudit.Trace();
            trace.subjectIssuer = Optional.of(PARTNER_A);
            ExchangeRequest request = new ExchangeRequest(f.acme, ClientCredentials.of("gateway", SECRET),
                    exchangeForm(f.partnerToken()));

            audit.publish(request, trace, ExchangeOutcome.Refused.of(ExchangeErrors.INVALID_SCOPE, "no"));

            ExchangeEvent event = f.exchangeEvents().get(0);
            assertThat(event.tenant()).isEqualTo(f.acme);
            assertThat(event.outcome()).isEqualTo(ExchangeEvent.Outcome.REFUSED);
            assertThat(event.code()).isEqualTo(ExchangeErrors.INVALID_SCOPE.value());
            assertThat(event.subjectIssuer()).contains(PARTNER_A);
            assertThat(event.actor().id()).isEqualTo("gateway");
        }

        @Test
        void publishWhenClientIdNotSafeThenActorUnknownClient() {
            ExchangeAudit audit = new ExchangeAudit(f.organizationStatus, f.events::add, f.runtime);
            audit.publish(new ExchangeRequest(f.acme, ClientCredentials.of("gate way\n", SECRET), Map.of()),
                    new ExchangeAudit.Trace(), ExchangeOutcome.Refused.of(ExchangeErrors.MALFORMED_REQUEST, "no"));
            assertThat(f.exchangeEvents().get(0).actor().id()).isEqualTo("unknown-client");
        }

        @Test
        void publishWhenPublisherFailsThenNothingThrown() {
            AuditPublisher failing = event -> {
                throw new IllegalStateException("down");
            };
            ExchangeAudit audit = new ExchangeAudit(f.organizationStatus, failing, f.runtime);
            audit.publish(new ExchangeRequest(f.acme, ClientCredentials.of("gateway", SECRET), Map.of()),
                    new ExchangeAudit.Trace(), ExchangeOutcome.Refused.of(ExchangeErrors.MALFORMED_REQUEST, "no"));
        }
    }
}
