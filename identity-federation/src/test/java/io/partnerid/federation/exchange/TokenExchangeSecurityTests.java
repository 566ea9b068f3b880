package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.BILLING;
import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static io.partnerid.federation.exchange.TokenExchangeServiceTests.assertRefused;
import static io.partnerid.federation.exchange.TokenExchangeServiceTests.issued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.partnerid.core.Actor;
import io.partnerid.core.IdFormat;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.TokenVerification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Security catalogue rows T1–T11 and M4 (and J5/J4 for partner keys) against the token exchange. */
class TokenExchangeSecurityTests {

    private final ExchangeFixture f = new ExchangeFixture();

    private ExchangeOutcome atAcme(String subjectToken, String... more) {
        return f.atAcme(exchangeForm(subjectToken, more));
    }

    // ---- T1 -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T1 RFC 8693 §2.1: a tampered subject_token is refused with invalid_grant before anything is minted")
    void exchangeWhenSubjectTokenTamperedThenInvalidGrant() {
        String token = f.partnerToken();
        String[] p = token.split("\\.");
        String tampered = p[0] + "." + com.nimbusds.jose.util.Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils
                .toJSONString(f.partnerClaims(c -> c.put("sub", "ceo")))) + "." + p[2];
        assertRefused(atAcme(tampered, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        assertThat(f.exchangeEvents()).singleElement()
                .satisfies(e -> assertThat(e.jwtId()).isEmpty());
    }

    @Test
    @DisplayName("T1 RFC 8693 §2.1: an expired subject_token is refused")
    void exchangeWhenSubjectTokenExpiredThenInvalidGrant() {
        String token = f.partnerToken();
        f.clock.advance(Duration.ofMinutes(12));
        assertRefused(atAcme(token, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    @Test
    @DisplayName("T1 RFC 8693 §2.1: a subject_token not intended for this STS (aud) is refused")
    void exchangeWhenSubjectTokenAudienceIsNotThisStsThenInvalidGrant() {
        String token = f.partnerToken(f.partnerClaims(c -> c.put("aud", "https://some-api.partner-a.example")));
        assertRefused(atAcme(token, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        String ours = f.ourToken(f.acme, "alice", "portal", b -> b.audience(ORDERS));
        assertRefused(atAcme(ours, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    @Test
    @DisplayName("T1: a subject_token of an issuer this organization does not trust is refused")
    void exchangeWhenIssuerUnknownThenInvalidGrant() throws Exception {
        ECKey evil = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        String token = ExchangeFixture.sign(evil, "at+jwt", f.partnerClaims(c -> c.put("iss", "https://evil.example")));
        assertRefused(atAcme(token, "audience", ORDERS), ExchangeErrors.ISSUER_NOT_TRUSTED);
        assertThat(f.fetches).isEmpty();
    }

    @Test
    @DisplayName("T1: our own revoked token, or one of a suspended organization, is refused as subject_token")
    void exchangeWhenOurSubjectTokenRevokedOrOrgSuspendedThenInvalidGrant() {
        f.policies.save(f.acmePolicy().trustedOrgs(f.supplier).build());
        String supplierUser = f.ourToken(f.supplier, "bob", "supplier-portal", b -> { });
        f.orgRepository.suspendSubtree(f.orgRepository.findById(f.supplier).orElseThrow().path(), f.supplier);
        assertRefused(atAcme(supplierUser, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    @Test
    @DisplayName("T1 RFC 8693 §2.1: our own access token, revoked by jti, is refused as subject_token")
    void exchangeWhenOurSubjectTokenRevokedThenSubjectTokenInvalid() {
        String ours = f.ourToken(f.acme, "alice", "portal", b -> { });
        assertThat(atAcme(ours, "audience", ORDERS)).isInstanceOf(ExchangeOutcome.Issued.class);
        JwtClaims claims = f.tokens.verify(ours, ExchangeFixture.STS).verifiedClaims().orElseThrow();

        f.tokens.revoke(claims.jwtId().orElseThrow(), f.acme, claims.expiresAt().orElseThrow(),
                Actor.user("security-admin"));

        assertRefused(atAcme(ours, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        assertThat(f.exchangeEvents()).last().satisfies(e -> assertThat(e.jwtId()).isEmpty());
    }

    @Test
    @DisplayName("Kill switch: an exchange at a suspended organization is refused")
    void exchangeWhenStsOrgSuspendedThenUnauthorizedClient() {
        f.orgRepository.suspendSubtree(f.orgRepository.findById(f.acme).orElseThrow().path(), f.acme);
        assertRefused(atAcme(f.partnerToken(), "audience", ORDERS), ExchangeErrors.CLIENT_NOT_ALLOWED);
    }

    // ---- T2 / T3 ------------------------------------------------------------------------------------------

    private String actor(String sub) {
        return f.ourToken(f.acme, sub, sub, b -> { });
    }

    @Test
    @DisplayName("T2 RFC 8693 §4.4 may_act: an actor not named by may_act is refused with invalid_grant")
    void exchangeWhenActorNotPermittedByMayActThenInvalidGrant() {
        String subject = f.partnerToken(f.partnerClaims(c -> c.put("may_act", Map.of("sub", "svc-allowed"))));
        assertRefused(atAcme(subject, "audience", ORDERS, "actor_token", actor("svc-intruder"),
                "actor_token_type", TokenType.ACCESS_TOKEN.uri()), ExchangeErrors.ACTOR_NOT_ALLOWED);
        ExchangeOutcome ok = atAcme(subject, "audience", ORDERS, "actor_token", actor("svc-allowed"),
                "actor_token_type", TokenType.ACCESS_TOKEN.uri());
        assertThat(issued(ok).delegated()).isTrue();
    }

    @Test
    @DisplayName("T2 RFC 8693 §4.4 may_act: an iss in may_act must match the actor token's issuer")
    void exchangeWhenMayActIssuerDiffersThenInvalidGrant() {
        String subject = f.partnerToken(f.partnerClaims(c -> c.put("may_act",
                Map.of("sub", "svc-allowed", "iss", "https://elsewhere.example"))));
        assertRefused(atAcme(subject, "audience", ORDERS, "actor_token", actor("svc-allowed"),
                "actor_token_type", TokenType.ACCESS_TOKEN.uri()), ExchangeErrors.ACTOR_NOT_ALLOWED);
    }

    @Test
    @DisplayName("T3 RFC 8693 §1.1/§4.4: impersonation is refused when may_act demands delegation (no actor_token)")
    void exchangeWhenMayActPresentAndNoActorThenInvalidGrant() {
        String subject = f.partnerToken(f.partnerClaims(c -> c.put("may_act", Map.of("sub", "svc-allowed"))));
        assertRefused(atAcme(subject, "audience", ORDERS), ExchangeErrors.DELEGATION_REQUIRED);
    }

    @Test
    @DisplayName("RFC 8693 §1.1: impersonation needs the organization's consent")
    void exchangeWhenImpersonationNotAllowedByPolicyThenUnauthorizedClient() {
        f.policies.save(f.acmePolicy().allowImpersonation(false).build());
        assertRefused(atAcme(f.partnerToken(), "audience", ORDERS), ExchangeErrors.IMPERSONATION_NOT_ALLOWED);
        assertThat(atAcme(f.partnerToken(), "audience", ORDERS, "actor_token", actor("svc"),
                "actor_token_type", TokenType.ACCESS_TOKEN.uri())).isInstanceOf(ExchangeOutcome.Issued.class);
    }

    // ---- T4 ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T4 RFC 8693 §4.1: the newest actor is top-level, prior actors nest under act.act")
    void exchangeWhenSubjectAlreadyDelegatedThenNewActorTopLevelPriorNested() {
        f.policies.save(f.acmePolicy().reachableAudiences(ORDERS, BILLING, ExchangeFixture.STS).build());
        f.clients.register(ExchangeFixture.client("gateway", f.acme).allowedScopes("orders:read", "orders:write")
                .allowedAudiences(ORDERS, ExchangeFixture.STS).build(), ExchangeFixture.SECRET);
        ExchangeOutcome.Issued first = issued(atAcme(f.partnerToken(), "audience", ExchangeFixture.STS, "actor_token", actor("svc-a"),
                "actor_token_type", TokenType.ACCESS_TOKEN.uri()));
        ExchangeOutcome.Issued second = issued(atAcme(first.accessToken(), "audience", ORDERS,
                "actor_token", actor("svc-b"), "actor_token_type", TokenType.ACCESS_TOKEN.uri()));
        JwtClaims claims = f.tokens.verify(second.accessToken(), ORDERS).verifiedClaims().orElseThrow();
        JwtClaims act = claims.object("act").orElseThrow();
        assertThat(act.subject()).contains("svc-b");
        assertThat(act.object("act").orElseThrow().subject()).contains("svc-a");
        assertThat(claims.actorDepth()).isEqualTo(2);
    }

    @Test
    @DisplayName("T4 RFC 8693 §4.1: an act chain deeper than the organization's cap is refused")
    void exchangeWhenChainExceedsDepthCapThenInvalidGrant() {
        f.policies.save(f.acmePolicy().reachableAudiences(ORDERS, BILLING, ExchangeFixture.STS).maxDelegationDepth(2)
                .build());
        f.clients.register(ExchangeFixture.client("gateway", f.acme).allowedScopes("orders:read", "orders:write")
                .allowedAudiences(ORDERS, ExchangeFixture.STS).build(), ExchangeFixture.SECRET);
        String token = f.partnerToken();
        for (String svc : List.of("svc-1", "svc-2")) {
            token = issued(atAcme(token, "audience", ExchangeFixture.STS, "actor_token", actor(svc),
                    "actor_token_type", TokenType.ACCESS_TOKEN.uri())).accessToken();
        }
        assertRefused(atAcme(token, "audience", ORDERS, "actor_token", actor("svc-3"),
                "actor_token_type", TokenType.ACCESS_TOKEN.uri()), ExchangeErrors.DELEGATION_TOO_DEEP);
    }

    // ---- T5 ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T5 RFC 8693 §2.1/§2.2.2: an unknown audience rejects the whole request with invalid_target")
    void exchangeWhenOneAudienceUnreachableThenWholeRequestInvalidTarget() {
        assertRefused(atAcme(f.partnerToken(), "audience", ORDERS, "audience", "https://hr.acme.example"),
                ExchangeErrors.INVALID_TARGET);
        assertRefused(atAcme(f.partnerToken(), "resource", "https://hr.acme.example"), ExchangeErrors.INVALID_TARGET);
        assertRefused(atAcme(f.partnerToken(), "resource", "relative/path"), ExchangeErrors.INVALID_TARGET);
        assertRefused(atAcme(f.partnerToken()), ExchangeErrors.INVALID_TARGET);
    }

    @Test
    @DisplayName("T5: a reachable audience the client is not allowed is refused; the issued aud is exactly the request")
    void exchangeWhenAudienceNotAllowedForClientThenInvalidTarget() {
        f.clients.register(ExchangeFixture.client("gateway", f.acme).allowedScopes("orders:read")
                .allowedAudiences(ORDERS).build(), ExchangeFixture.SECRET);
        assertRefused(atAcme(f.partnerToken(), "audience", BILLING), ExchangeErrors.INVALID_TARGET);
        ExchangeOutcome.Issued ok = issued(atAcme(f.partnerToken(), "audience", ORDERS));
        assertThat(f.tokens.verify(ok.accessToken(), BILLING))
                .isInstanceOf(TokenVerification.Rejected.class);
    }

    @Test
    @DisplayName("T5: without audience, the organization's default audience is used")
    void exchangeWhenNoAudienceAndDefaultConfiguredThenDefault() {
        f.policies.save(f.acmePolicy().defaultAudience(ORDERS).build());
        ExchangeOutcome.Issued ok = issued(atAcme(f.partnerToken()));
        assertThat(f.tokens.verify(ok.accessToken(), ORDERS).isVerified()).isTrue();
    }

    // ---- T6 ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T6 RFC 8693 §2.1 scope: a scope outside the subject token is refused (unlike SAS, we never widen)")
    void exchangeWhenScopeNotInSubjectTokenThenInvalidScope() {
        String subject = f.partnerToken(f.partnerClaims(c -> c.put("scope", "orders:read")));
        assertRefused(atAcme(subject, "audience", ORDERS, "scope", "orders:read orders:write"),
                ExchangeErrors.INVALID_SCOPE);
    }

    @Test
    @DisplayName("T6: a scope in the subject token but not allowed for the client is refused")
    void exchangeWhenScopeNotAllowedForClientThenInvalidScope() {
        assertRefused(atAcme(f.partnerToken(), "audience", ORDERS, "scope", "admin"), ExchangeErrors.INVALID_SCOPE);
    }

    // ---- T7 ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T7 RFC 6749 §5.2: a client not allowed to exchange gets unauthorized_client")
    void exchangeWhenClientNotAllowedThenUnauthorizedClient() {
        // registered without the grant
        assertRefused(f.exchange(f.acme, "reporting", exchangeForm(f.partnerToken(), "audience", ORDERS)),
                ExchangeErrors.CLIENT_NOT_ALLOWED);
        // registered for the grant, but not allowed by this organization's policy
        f.clients.register(ExchangeFixture.client("other", f.acme).allowedScopes("orders:read")
                .allowedAudiences(ORDERS).build(), ExchangeFixture.SECRET);
        assertRefused(f.exchange(f.acme, "other", exchangeForm(f.partnerToken(), "audience", ORDERS)),
                ExchangeErrors.CLIENT_NOT_ALLOWED);
        // allowed by acme's policy, registered for the grant, but owned by the supplier: see the R5 tests
    }

    @Test
    @DisplayName("RFC 6749 §5.2: wrong client credentials give invalid_client, same answer for an unknown client")
    void exchangeWhenClientCredentialsWrongThenInvalidClient() {
        ExchangeOutcome wrong = f.exchange.exchange(new ExchangeRequest(f.acme,
                ClientCredentials.of("gateway", "nope"), exchangeForm(f.partnerToken(), "audience", ORDERS)));
        ExchangeOutcome unknown = f.exchange(f.acme, "ghost", exchangeForm(f.partnerToken(), "audience", ORDERS));
        assertRefused(wrong, ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
        assertThat(unknown).isEqualTo(wrong);
    }

    // ---- T8 ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T8: a client-credentials subject token (no user principal) is refused for on-behalf-of")
    void exchangeWhenSubjectIsClientThenInvalidGrant() {
        String cc = f.partnerToken(f.partnerClaims(c -> c.put("sub", "partner-portal")));
        assertRefused(atAcme(cc, "audience", ORDERS), ExchangeErrors.SUBJECT_NOT_USER);
        String ours = f.ourToken(f.acme, "batch-job", "batch-job", b -> { });
        assertRefused(atAcme(ours, "audience", ORDERS), ExchangeErrors.SUBJECT_NOT_USER);
    }

    // ---- T9 ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T9 RFC 8693 §2.2.2: an unsupported subject_token_type gives invalid_request")
    void exchangeWhenUnsupportedSubjectTokenTypeThenInvalidRequest() {
        assertRefused(atAcme(f.partnerToken(), "subject_token_type", "urn:example:custom", "audience", ORDERS),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        assertRefused(atAcme(f.partnerToken(), "subject_token_type", TokenType.SAML2.uri(), "audience", ORDERS),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        // a plain JWT that would pass the jwt rules: only the type check refuses it
        String plain = ExchangeFixture.sign(f.partnerAKey, "JWT", f.partnerClaims());
        assertRefused(atAcme(plain, "subject_token_type", "urn:example:custom", "audience", ORDERS),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        assertRefused(atAcme(plain, "subject_token_type", TokenType.SAML2.uri(), "audience", ORDERS),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }

    @Test
    @DisplayName("T9 RFC 8693 §2.1 requested_token_type: a refresh token is never issued (invalid_request)")
    void exchangeWhenRefreshTokenRequestedThenInvalidRequest() {
        assertRefused(atAcme(f.partnerToken(), "audience", ORDERS, "requested_token_type",
                TokenType.REFRESH_TOKEN.uri()), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        assertRefused(atAcme(f.partnerToken(), "audience", ORDERS, "requested_token_type",
                TokenType.REFRESH_TOKEN.uri(), "actor_token", actor("svc"), "actor_token_type",
                TokenType.ACCESS_TOKEN.uri()), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }

    @Test
    @DisplayName("T9 / J8: an ID token presented as an access_token is refused with invalid_request")
    void exchangeWhenIdTokenGivenAsAccessTokenThenInvalidRequest() {
        String idToken = ExchangeFixture.sign(f.partnerAKey, "JWT", f.partnerClaims(c -> c.put("nonce", "n")));
        assertRefused(atAcme(idToken, "audience", ORDERS), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        // an issuer without typed access tokens: the ID token is still recognized by its ID-token-only claims
        f.policies.save(f.acmePolicy().trustedIssuers(TrustedIssuer.builder(ExchangeFixture.PARTNER_A,
                ExchangeFixture.STS, ExchangeFixture.JWKS_A).algorithms(io.partnerid.core.token.SigningAlgorithm.ES256)
                .typedAccessTokens(false).build()).build());
        assertRefused(atAcme(idToken, "audience", ORDERS), ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        String plainAccess = ExchangeFixture.sign(f.partnerAKey, "JWT", f.partnerClaims());
        assertThat(atAcme(plainAccess, "audience", ORDERS)).isInstanceOf(ExchangeOutcome.Issued.class);
    }

    @Test
    @DisplayName("T9 / J8: an access token presented as an id_token, and our token as jwt, are refused")
    void exchangeWhenAccessTokenGivenAsIdTokenThenInvalidRequest() {
        assertRefused(atAcme(f.partnerToken(), "subject_token_type", TokenType.ID_TOKEN.uri(), "audience", ORDERS),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
        String ours = f.ourToken(f.acme, "alice", "portal", b -> { });
        assertRefused(atAcme(ours, "subject_token_type", TokenType.JWT.uri(), "audience", ORDERS),
                ExchangeErrors.UNSUPPORTED_TOKEN_TYPE);
    }

    @Test
    @DisplayName("RFC 8693 §2.1: malformed requests (repeated parameter, missing subject_token, wrong grant) are refused")
    void exchangeWhenMalformedThenInvalidRequestOrUnsupportedGrant() {
        Map<String, List<String>> repeated = exchangeForm(f.partnerToken(), "audience", ORDERS);
        repeated.put("subject_token", List.of(f.partnerToken(), f.partnerToken()));
        assertRefused(f.atAcme(repeated), ExchangeErrors.MALFORMED_REQUEST);
        Map<String, List<String>> missing = exchangeForm(f.partnerToken(), "audience", ORDERS);
        missing.remove("subject_token");
        assertRefused(f.atAcme(missing), ExchangeErrors.MALFORMED_REQUEST);
        Map<String, List<String>> grant = exchangeForm(f.partnerToken(), "grant_type", "client_credentials");
        assertRefused(f.atAcme(grant), ExchangeErrors.UNSUPPORTED_GRANT);
    }

    @Test
    @DisplayName("SAML 2.0 seam: a registered assertion validator accepts subject_token_type saml2")
    void exchangeWhenSamlValidatorRegisteredThenSaml2Accepted() {
        TokenExchangeService withSaml = f.exchangeService(b -> b.assertionValidator(TokenType.SAML2,
                (token, policy, now) -> token.equals("<assertion/>")
                        ? new TokenVerification.Verified(JwtClaims.of(Map.of("iss", "urn:partner:saml", "sub", "carol",
                        "exp", now.plusSeconds(300).getEpochSecond(), "iat", now.getEpochSecond())),
                        io.partnerid.core.token.SigningAlgorithm.RS256, java.util.Optional.empty())
                        : new TokenVerification.Rejected(io.partnerid.core.token.RejectionReason.BAD_SIGNATURE)));
        ExchangeOutcome ok = withSaml.exchange(new ExchangeRequest(f.acme, ClientCredentials.of("gateway",
                ExchangeFixture.SECRET), exchangeForm("<assertion/>", "subject_token_type", TokenType.SAML2.uri(),
                "audience", ORDERS)));
        assertThat(ok).isInstanceOf(ExchangeOutcome.Issued.class);
        ExchangeOutcome bad = withSaml.exchange(new ExchangeRequest(f.acme, ClientCredentials.of("gateway",
                ExchangeFixture.SECRET), exchangeForm("<forged/>", "subject_token_type", TokenType.SAML2.uri(),
                "audience", ORDERS)));
        assertRefused(bad, ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    // ---- T10 / M4 ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T10: a subject token of an issuer trusted by the supplier only is refused at Acme")
    void exchangeWhenIssuerTrustedByOtherOrgOnlyThenInvalidGrant() {
        String fromB = ExchangeFixture.sign(f.partnerBKey, "at+jwt",
                f.partnerClaims(c -> c.put("iss", ExchangeFixture.PARTNER_B)));
        assertRefused(atAcme(fromB, "audience", ORDERS), ExchangeErrors.ISSUER_NOT_TRUSTED);
        // the same token is fine at the supplier, which trusts partner B
        assertThat(f.exchange(f.supplier, "supplier-svc", exchangeForm(fromB, "audience", ORDERS)))
                .isInstanceOf(ExchangeOutcome.Issued.class);
    }

    @Test
    @DisplayName("M4: wrong key (iss A signed by B's key) and right key with wrong iss are both refused")
    void exchangeWhenIssuerAndKeyMismatchThenInvalidGrant() {
        f.publish(ExchangeFixture.JWKS_A, f.partnerAKey);
        String wrongKey = ExchangeFixture.sign(f.partnerBKey, "at+jwt", f.partnerClaims());
        assertRefused(atAcme(wrongKey, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        String wrongKeySameKid = ExchangeFixture.sign(new ECKey.Builder(f.partnerBKey).keyID("a-1").build(), "at+jwt",
                f.partnerClaims());
        assertRefused(atAcme(wrongKeySameKid, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        String wrongIss = ExchangeFixture.sign(f.partnerAKey, "at+jwt",
                f.partnerClaims(c -> c.put("iss", ExchangeFixture.PARTNER_B)));
        assertRefused(atAcme(wrongIss, "audience", ORDERS), ExchangeErrors.ISSUER_NOT_TRUSTED);
        assertRefused(f.exchange(f.supplier, "supplier-svc", exchangeForm(wrongIss, "audience", ORDERS)),
                ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    @Test
    @DisplayName("Client-safe errors: an untrusted issuer and a bad signature read the same to the client")
    void refusalWhenIssuerUntrustedOrSignatureBadThenSameDescription() {
        String fromB = ExchangeFixture.sign(f.partnerBKey, "at+jwt",
                f.partnerClaims(c -> c.put("iss", ExchangeFixture.PARTNER_B)));
        String badSig = ExchangeFixture.sign(f.partnerBKey, "at+jwt", f.partnerClaims());
        ExchangeOutcome.Refused a = (ExchangeOutcome.Refused) atAcme(fromB, "audience", ORDERS);
        ExchangeOutcome.Refused b = (ExchangeOutcome.Refused) atAcme(badSig, "audience", ORDERS);
        assertThat(a.error()).isEqualTo(b.error()).isEqualTo("invalid_grant");
        assertThat(a.description()).isEqualTo(b.description());
    }

    // ---- T11 -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("T11 RFC 8693 §5: the issued token never outlives the subject token")
    void exchangeWhenSubjectExpiresSoonThenLifetimeCappedAtRemaining() {
        String subject = f.partnerToken(f.partnerClaims(c -> c.put("exp",
                f.clock.instant().plusSeconds(90).getEpochSecond())));
        f.clock.advance(Duration.ofSeconds(30));
        ExchangeOutcome.Issued ok = issued(atAcme(subject, "audience", ORDERS));
        assertThat(ok.expiresInSeconds()).isEqualTo(60);
        ExchangeOutcome.Issued longLived = issued(atAcme(f.partnerToken(), "audience", ORDERS));
        assertThat(longLived.expiresInSeconds()).isEqualTo(600); // min(policy 10 min, subject 10 min)
    }

    @Test
    @DisplayName("T11 RFC 8693 §5: the issued token never outlives the actor token either")
    void exchangeWhenActorExpiresSoonerThenLifetimeCappedAtActor() {
        String shortActor = f.ourToken(f.acme, "svc", "svc", b -> b.lifetime(Duration.ofSeconds(45)));
        ExchangeOutcome.Issued ok = issued(atAcme(f.partnerToken(), "audience", ORDERS, "actor_token", shortActor,
                "actor_token_type", TokenType.ACCESS_TOKEN.uri()));
        assertThat(ok.expiresInSeconds()).isEqualTo(45);
    }

    @Test
    @DisplayName("T11: exchange loops are bounded: a token re-exchanged more than maxExchanges times is refused")
    void exchangeWhenReExchangedBeyondLimitThenInvalidGrant() {
        f.policies.save(f.acmePolicy().reachableAudiences(ORDERS, ExchangeFixture.STS).maxExchanges(3).build());
        f.clients.register(ExchangeFixture.client("gateway", f.acme).allowedScopes("orders:read", "orders:write")
                .allowedAudiences(ORDERS, ExchangeFixture.STS).build(), ExchangeFixture.SECRET);
        String token = f.partnerToken();
        for (int i = 0; i < 3; i++) {
            token = issued(atAcme(token, "audience", ExchangeFixture.STS)).accessToken();
        }
        assertRefused(atAcme(token, "audience", ExchangeFixture.STS), ExchangeErrors.EXCHANGE_LOOP);
    }

    // ---- partner keys: J4 / J5 -----------------------------------------------------------------------------

    @Test
    @DisplayName("J4: a partner key rotation is picked up by a refetch on an unknown kid, rate-limited")
    void exchangeWhenPartnerRotatesKeyThenRefetchOnUnknownKidRateLimited() throws Exception {
        assertThat(atAcme(f.partnerToken(), "audience", ORDERS)).isInstanceOf(ExchangeOutcome.Issued.class);
        assertThat(f.fetches.get(ExchangeFixture.JWKS_A)).hasValue(1);
        ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("a-2").generate();
        f.publish(ExchangeFixture.JWKS_A, f.partnerAKey, rotated);
        String newToken = ExchangeFixture.sign(rotated, "at+jwt", f.partnerClaims());

        assertRefused(atAcme(newToken, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID); // within 30 s
        assertRefused(atAcme(newToken, "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        assertThat(f.fetches.get(ExchangeFixture.JWKS_A)).hasValue(1);
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(atAcme(ExchangeFixture.sign(rotated, "at+jwt", f.partnerClaims()), "audience", ORDERS))
                .isInstanceOf(ExchangeOutcome.Issued.class);
        assertThat(f.fetches.get(ExchangeFixture.JWKS_A)).hasValue(2);
    }

    @Test
    @DisplayName("J5: a partner token naming its own key (jwk / jku) is refused and nothing is fetched from it")
    void exchangeWhenPartnerTokenCarriesJwkOrJkuThenRefusedWithoutFetch() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("a-1").generate();
        URI jku = URI.create("https://attacker.example/jwks");
        for (JWSHeader header : List.of(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID("a-1")
                        .jwk(attacker.toPublicJWK()).build(),
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID("a-1")
                        .jwkURL(jku).build())) {
            JWSObject jws = new JWSObject(header, new Payload(f.partnerClaims()));
            jws.sign(new ECDSASigner(attacker));
            assertRefused(atAcme(jws.serialize(), "audience", ORDERS), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        }
        assertThat(f.fetches).doesNotContainKey(jku);
        assertThat(f.fetches.keySet()).allMatch(u -> u.equals(ExchangeFixture.JWKS_A));
    }

    // ---- R1 partner subjects -------------------------------------------------------------------------------

    private JwtClaims claimsOf(ExchangeOutcome outcome, String audience) {
        return f.tokens.verify(issued(outcome).accessToken(), audience).verifiedClaims().orElseThrow();
    }

    @Test
    @DisplayName("R1: a partner token whose sub equals a local user's id yields a namespaced subject, never that id")
    void exchangeWhenPartnerSubEqualsLocalUserIdThenNamespacedSubjectWithOrigin() {
        String localUserId = "user-42"; // a native id: 1 to 64 of [A-Za-z0-9_-]
        JwtClaims claims = claimsOf(atAcme(f.partnerToken(f.partnerClaims(c -> c.put("sub", localUserId))),
                "audience", ORDERS), ORDERS);

        String sub = claims.subject().orElseThrow();
        assertThat(sub).isNotEqualTo(localUserId).isEqualTo(ForeignSubject.of(ExchangeFixture.PARTNER_A,
                localUserId).value());
        assertThat(IdFormat.isValid(sub)).isFalse();
        assertThat(ForeignSubject.isForeign(sub)).isTrue();
        assertThat(claims.string(ForeignSubject.ISSUER_CLAIM)).contains(ExchangeFixture.PARTNER_A);
        assertThat(claims.string(ForeignSubject.SUBJECT_CLAIM)).contains(localUserId);
        assertThat(claims.roles()).isEmpty();
        assertThat(claims.orgId()).contains(f.acme);
    }

    @Test
    @DisplayName("R1: the same partner sub at two partner issuers gives two subjects")
    void exchangeWhenSameSubAtTwoPartnersThenDistinctSubjects() {
        f.policies.save(f.acmePolicy().trustedIssuers(ExchangeFixture.trusted(ExchangeFixture.PARTNER_A,
                ExchangeFixture.JWKS_A), ExchangeFixture.trusted(ExchangeFixture.PARTNER_B, ExchangeFixture.JWKS_B))
                .build());
        String fromA = f.partnerToken();
        String fromB = ExchangeFixture.sign(f.partnerBKey, "at+jwt",
                f.partnerClaims(c -> c.put("iss", ExchangeFixture.PARTNER_B)));
        assertThat(claimsOf(atAcme(fromA, "audience", ORDERS), ORDERS).subject())
                .isNotEqualTo(claimsOf(atAcme(fromB, "audience", ORDERS), ORDERS).subject());
    }

    @Test
    @DisplayName("R1: a partner's acr/amr are dropped when the policy does not trust it for authentication context")
    void exchangeWhenPartnerAcrAmrAndIssuerNotTrustedForThemThenDropped() {
        String subject = f.partnerToken(f.partnerClaims(c -> {
            c.put("acr", "urn:partnerid:acr:mfa");
            c.put("amr", List.of("pwd", "otp"));
        }));
        JwtClaims claims = claimsOf(atAcme(subject, "audience", ORDERS), ORDERS);
        assertThat(claims.get("acr")).isEmpty();
        assertThat(claims.get("amr")).isEmpty();
    }

    @Test
    @DisplayName("R1: a partner's acr/amr are carried when the policy trusts it for authentication context")
    void exchangeWhenPartnerAcrAmrAndIssuerTrustedForThemThenCarried() {
        f.policies.save(f.acmePolicy().trustedIssuers(ExchangeFixture.trustedIssuer(ExchangeFixture.PARTNER_A,
                ExchangeFixture.JWKS_A).trustAuthenticationContext(true).build()).build());
        String subject = f.partnerToken(f.partnerClaims(c -> {
            c.put("acr", "urn:partnerid:acr:mfa");
            c.put("amr", List.of("pwd", "otp"));
        }));
        JwtClaims claims = claimsOf(atAcme(subject, "audience", ORDERS), ORDERS);
        assertThat(claims.string("acr")).contains("urn:partnerid:acr:mfa");
        assertThat(claims.strings("amr")).containsExactly("pwd", "otp");
    }

    @Test
    @DisplayName("R1: our own token's acr/amr keep flowing into the exchanged token")
    void exchangeWhenOurTokenCarriesAcrAmrThenCarried() {
        String ours = f.ourToken(f.acme, "alice", "portal", b -> b.acr("urn:partnerid:acr:mfa")
                .amr(List.of("pwd", "hwk")));
        JwtClaims claims = claimsOf(atAcme(ours, "audience", ORDERS), ORDERS);
        assertThat(claims.subject()).contains("alice");
        assertThat(claims.string("acr")).contains("urn:partnerid:acr:mfa");
        assertThat(claims.strings("amr")).containsExactly("pwd", "hwk");
    }

    @Test
    @DisplayName("R1: re-exchanging our token of a partner subject keeps the foreign namespace and its origin")
    void exchangeWhenOurTokenWithForeignSubjectReExchangedThenStaysForeign() {
        f.policies.save(f.acmePolicy().reachableAudiences(ORDERS, ExchangeFixture.STS).build());
        f.clients.register(ExchangeFixture.client("gateway", f.acme).allowedScopes("orders:read", "orders:write")
                .allowedAudiences(ORDERS, ExchangeFixture.STS).build(), ExchangeFixture.SECRET);
        String first = issued(atAcme(f.partnerToken(f.partnerClaims(c -> c.put("sub", "user-42"))), "audience",
                ExchangeFixture.STS)).accessToken();
        String foreign = ForeignSubject.of(ExchangeFixture.PARTNER_A, "user-42").value();

        JwtClaims again = claimsOf(atAcme(first, "audience", ORDERS), ORDERS);

        assertThat(again.subject()).contains(foreign);
        assertThat(again.string(ForeignSubject.ISSUER_CLAIM)).contains(ExchangeFixture.PARTNER_A);
        assertThat(again.string(ForeignSubject.SUBJECT_CLAIM)).contains("user-42");
        assertThat(again.get(TokenExchangeService.EXCHANGE_COUNT_CLAIM)).contains(2L);
    }

    @Test
    @DisplayName("R1: a token exchanged before namespacing (sub_iss, plain sub) is namespaced when re-exchanged")
    void exchangeWhenLegacyExchangedTokenReExchangedThenNamespaced() {
        String legacy = f.ourToken(f.acme, "user-42", "gateway", b -> b.claim(ForeignSubject.ISSUER_CLAIM,
                ExchangeFixture.PARTNER_A));

        JwtClaims claims = claimsOf(atAcme(legacy, "audience", ORDERS), ORDERS);

        assertThat(claims.subject()).contains(ForeignSubject.of(ExchangeFixture.PARTNER_A, "user-42").value());
        assertThat(claims.string(ForeignSubject.SUBJECT_CLAIM)).contains("user-42");
    }

    @Test
    @DisplayName("R1: a partner subject without an issuer to namespace it by (an assertion without iss) is refused")
    void exchangeWhenAssertionHasNoIssuerThenSubjectTokenInvalid() {
        TokenExchangeService withSaml = f.exchangeService(b -> b.assertionValidator(TokenType.SAML2,
                (token, policy, now) -> new TokenVerification.Verified(JwtClaims.of(Map.of("sub", "user-42",
                        "exp", now.plusSeconds(300).getEpochSecond())),
                        io.partnerid.core.token.SigningAlgorithm.RS256, Optional.empty())));
        assertRefused(withSaml.exchange(new ExchangeRequest(f.acme, ClientCredentials.of("gateway",
                ExchangeFixture.SECRET), exchangeForm("<assertion/>", "subject_token_type", TokenType.SAML2.uri(),
                "audience", ORDERS))), ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    // ---- R5 client organization ----------------------------------------------------------------------------

    @Test
    @DisplayName("R5 RFC 6749 §5.2: a client of another organization is refused as an unknown client would be")
    void exchangeWhenClientOfAnotherOrganizationThenInvalidClient() {
        // acme's policy even names the supplier's client; its owner is still not acme
        f.policies.save(f.acmePolicy().allowedClients("gateway", "supplier-svc").build());
        ExchangeOutcome foreignClient = f.exchange(f.acme, "supplier-svc", exchangeForm(f.partnerToken(), "audience",
                ORDERS));
        ExchangeOutcome unknown = f.exchange(f.acme, "ghost", exchangeForm(f.partnerToken(), "audience", ORDERS));
        assertRefused(foreignClient, ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
        assertThat(foreignClient).isEqualTo(unknown);
        // at its own organization the same client is fine
        f.policies.save(f.acmePolicy().build());
        assertThat(f.exchange(f.supplier, "supplier-svc", exchangeForm(ExchangeFixture.sign(f.partnerBKey, "at+jwt",
                f.partnerClaims(c -> c.put("iss", ExchangeFixture.PARTNER_B))), "audience", ORDERS)))
                .isInstanceOf(ExchangeOutcome.Issued.class);
    }

    @Test
    @DisplayName("R5: the service refuses another organization's client even when an ExchangeClients returns it")
    void exchangeWhenExchangeClientsIgnoresOrganizationThenServiceRefusesClient() {
        ExchangeClient supplierClient = ExchangeFixture.client("supplier-svc", f.supplier)
                .allowedScopes("orders:read").allowedAudiences(ORDERS).build();
        ExchangeClients careless = (org, credentials) -> Optional.of(supplierClient);
        f.policies.save(f.acmePolicy().allowedClients("supplier-svc").build());
        TokenExchangeService exchange = TokenExchangeService.builder().tokens(f.tokens)
                .organizationStatus(f.organizationStatus).policies(f.policies).clients(careless).runtime(f.runtime)
                .auditPublisher(f.events::add).selfAudience(ExchangeFixture.STS)
                .jwksFetcher(uri -> f.jwksDocuments.get(uri)).build();

        ExchangeOutcome outcome = exchange.exchange(new ExchangeRequest(f.acme, ClientCredentials.of("supplier-svc",
                ExchangeFixture.SECRET), exchangeForm(f.partnerToken(), "audience", ORDERS)));

        assertRefused(outcome, ExchangeErrors.CLIENT_AUTHENTICATION_FAILED);
    }

    @Test
    @DisplayName("R5: InMemoryExchangeClients authenticates a client only at the organization that owns it")
    void authenticateWhenInMemoryClientOfAnotherOrganizationThenEmpty() {
        ClientCredentials credentials = ClientCredentials.of("supplier-svc", ExchangeFixture.SECRET);
        assertThat(f.clients.authenticate(f.supplier, credentials)).isPresent();
        assertThat(f.clients.authenticate(f.acme, credentials)).isEmpty();
        assertThat(f.clients.authenticate(OrgId.of("nowhere"), credentials)).isEmpty();
    }

    // ---- R9 partner keys during a JWKS outage ---------------------------------------------------------------

    @Test
    @DisplayName("R9: during a JWKS outage the last good keys serve until jwksMaxStale, then the partner is refused")
    void exchangeWhenPartnerJwksUnavailableBeyondMaxStaleThenRefusedUntilAFetchSucceeds() {
        TokenExchangeService exchange = f.exchangeService(b -> b.jwksMaxAge(Duration.ofHours(1))
                .jwksMaxStale(Duration.ofHours(6)));
        Supplier<ExchangeOutcome> once = () -> exchange.exchange(new ExchangeRequest(f.acme,
                ClientCredentials.of("gateway", ExchangeFixture.SECRET), exchangeForm(f.partnerToken(), "audience",
                ORDERS)));
        assertThat(once.get()).isInstanceOf(ExchangeOutcome.Issued.class);
        String published = f.jwksDocuments.remove(ExchangeFixture.JWKS_A); // the outage starts

        f.clock.advance(Duration.ofHours(5).plusMinutes(59));
        assertThat(once.get()).as("within jwksMaxStale").isInstanceOf(ExchangeOutcome.Issued.class);
        int attempts = f.fetches.get(ExchangeFixture.JWKS_A).get();
        assertThat(attempts).isEqualTo(2); // the stale cache was refetched once, and failed
        assertThat(once.get()).isInstanceOf(ExchangeOutcome.Issued.class);
        assertThat(f.fetches.get(ExchangeFixture.JWKS_A)).as("failed fetches are rate-limited").hasValue(attempts);

        f.clock.advance(Duration.ofMinutes(1)); // 6 h after the last successful fetch
        assertRefused(once.get(), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        f.clock.advance(Duration.ofHours(12));
        assertRefused(once.get(), ExchangeErrors.SUBJECT_TOKEN_INVALID);

        f.jwksDocuments.put(ExchangeFixture.JWKS_A, published); // the partner is back
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(once.get()).isInstanceOf(ExchangeOutcome.Issued.class);
    }

    @Test
    @DisplayName("R9: a partner key removed from its JWKS is not trusted beyond jwksMaxStale even through an outage")
    void exchangeWhenRemovedKeyAndOutageThenKeyDroppedAfterMaxStale() {
        TokenExchangeService exchange = f.exchangeService(b -> b.jwksMaxStale(Duration.ofHours(2)));
        assertThat(exchange.exchange(new ExchangeRequest(f.acme, ClientCredentials.of("gateway",
                ExchangeFixture.SECRET), exchangeForm(f.partnerToken(), "audience", ORDERS))))
                .isInstanceOf(ExchangeOutcome.Issued.class);
        // the partner removes key a-1 (compromised) while its JWKS endpoint is unreachable from us
        f.jwksDocuments.remove(ExchangeFixture.JWKS_A);

        f.clock.advance(Duration.ofHours(2));
        assertRefused(exchange.exchange(new ExchangeRequest(f.acme, ClientCredentials.of("gateway",
                ExchangeFixture.SECRET), exchangeForm(f.partnerToken(), "audience", ORDERS))),
                ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }

    @Test
    void buildWhenJwksMaxStaleShorterThanMaxAgeThenRefused() {
        assertThatThrownBy(() -> f.exchangeService(b -> b.jwksMaxAge(
                Duration.ofHours(2)).jwksMaxStale(Duration.ofHours(1)))).isInstanceOf(IllegalArgumentException.class);
        // without an explicit jwksMaxStale, a long jwksMaxAge raises the default instead of failing
        assertThat(f.exchangeService(b -> b.jwksMaxAge(Duration.ofHours(8)))).isNotNull();
    }
}
