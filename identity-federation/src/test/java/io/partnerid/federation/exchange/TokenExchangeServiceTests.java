package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.BILLING;
import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.ActClaim;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.JwtClaims;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The positive paths of RFC 8693 and the per-organization trust model. */
class TokenExchangeServiceTests {

    private final ExchangeFixture f = new ExchangeFixture();

    static ExchangeOutcome.Issued issued(ExchangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ExchangeOutcome.Issued.class);
        return (ExchangeOutcome.Issued) outcome;
    }

    static void assertRefused(ExchangeOutcome outcome, ErrorCode code) {
        assertThat(outcome).isInstanceOfSatisfying(ExchangeOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.error()).isEqualTo(code.protocolError().orElseThrow());
        });
    }

    JwtClaims claimsOf(ExchangeOutcome.Issued issued, String audience) {
        return f.tokens.verify(issued.accessToken(), audience).verifiedClaims().orElseThrow();
    }

    @Test
    @DisplayName("RFC 8693 §2.2.1: a partner's access token is exchanged for our token with the requested audience")
    void exchangeWhenPartnerAccessTokenThenIssuedForRequestedAudience() {
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS,
                "scope", "orders:read")));

        JwtClaims claims = claimsOf(issued, ORDERS);
        assertThat(claims.issuer()).contains(ExchangeFixture.ISSUER);
        assertThat(claims.subject()).contains(ForeignSubject.of(ExchangeFixture.PARTNER_A, "alice").value());
        assertThat(claims.string(TokenExchangeService.EXTERNAL_SUBJECT_CLAIM)).contains("alice");
        assertThat(claims.audience()).containsExactly(ORDERS);
        assertThat(claims.orgId()).contains(f.acme);
        assertThat(claims.string(JwtClaims.CLIENT_ID)).contains("gateway");
        assertThat(claims.scopes()).containsExactly("orders:read");
        assertThat(claims.string(TokenExchangeService.SUBJECT_ISSUER_CLAIM)).contains(ExchangeFixture.PARTNER_A);
        assertThat(claims.get("act")).isEmpty();
        assertThat(issued.toResponseParameters()).containsEntry("issued_token_type", TokenType.ACCESS_TOKEN.uri())
                .containsEntry("token_type", "Bearer").containsEntry("scope", "orders:read")
                .doesNotContainKey("refresh_token");
        assertThat(issued.delegated()).isFalse();
    }

    @Test
    @DisplayName("RFC 8693 §2.1 scope: without a scope parameter the grant is subject scopes ∩ client's allowed scopes")
    void exchangeWhenNoScopeRequestedThenIntersectionOfSubjectAndClient() {
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS)));
        // the subject has orders:read orders:write admin; the client may have orders:read orders:write profile
        assertThat(issued.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    @DisplayName("RFC 8693 §2.1 resource: an absolute URI resource is an audience")
    void exchangeWhenResourceParameterThenAudience() {
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(f.partnerToken(), "resource", BILLING)));
        assertThat(claimsOf(issued, BILLING).audience()).containsExactly(BILLING);
    }

    @Test
    @DisplayName("RFC 8693 §2.1 requested_token_type jwt: issued_token_type names the jwt type")
    void exchangeWhenJwtRequestedThenIssuedTokenTypeJwt() {
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS,
                "requested_token_type", TokenType.JWT.uri())));
        assertThat(issued.issuedTokenType()).isEqualTo(TokenType.JWT);
    }

    @Test
    @DisplayName("RFC 8693 §2.1 subject_token_type id_token: a partner ID token for our STS is accepted")
    void exchangeWhenPartnerIdTokenThenIssued() {
        String idToken = ExchangeFixture.sign(f.partnerAKey, "JWT", f.partnerClaims(c -> {
            c.put("nonce", "n-1");
            c.remove("scope");
        }));
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(idToken, "subject_token_type",
                TokenType.ID_TOKEN.uri(), "audience", ORDERS)));
        assertThat(issued.scopes()).isEmpty();
    }

    @Test
    @DisplayName("RFC 8693 §1.1 delegation + §4.1 act: the actor becomes the act claim")
    void exchangeWhenActorTokenThenDelegatedWithActClaim() {
        String actor = f.ourToken(f.acme, "svc-gateway", "svc-gateway", b -> { });
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(f.partnerToken(), "audience", ORDERS,
                "actor_token", actor, "actor_token_type", TokenType.ACCESS_TOKEN.uri())));
        JwtClaims claims = claimsOf(issued, ORDERS);
        assertThat(claims.subject()).contains(ForeignSubject.of(ExchangeFixture.PARTNER_A, "alice").value());
        assertThat(ActClaim.from(claims)).contains(new ActClaim("svc-gateway", Optional.empty(), Optional.empty()));
        assertThat(issued.delegated()).isTrue();
        assertThat(issued.refreshToken()).isEmpty();
        assertThat(issued.toResponseParameters()).doesNotContainKey("refresh_token");
    }

    @Test
    @DisplayName("Cross-organization: a token of org B at org A is refused without trust, accepted with A→B trust")
    void exchangeWhenOtherOrgsTokenThenRefusedUnlessTrusted() {
        String supplierUser = f.ourToken(f.supplier, "bob", "supplier-portal", b -> { });
        assertRefused(f.atAcme(exchangeForm(supplierUser, "audience", ORDERS)), ExchangeErrors.ORG_NOT_TRUSTED);

        f.policies.save(f.acmePolicy().trustedOrgs(f.supplier).build());
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(supplierUser, "audience", ORDERS)));
        JwtClaims claims = claimsOf(issued, ORDERS);
        assertThat(claims.orgId()).contains(f.acme);
        assertThat(claims.string(TokenExchangeService.SUBJECT_ORG_CLAIM)).contains(f.supplier.value());
        assertThat(claims.roles()).isEmpty();
    }

    @Test
    @DisplayName("Multi-tier supplier delegation: Acme's user acts through the supplier's system = A↔B trust + act chain")
    void exchangeWhenSupplierSystemActsForAcmeUserThenTrustPlusActChain() {
        // step 1: Acme's user token is exchanged at the supplier by the supplier's system, which trusts Acme
        f.policies.save(io.partnerid.federation.exchange.ExchangePolicy.builder(f.supplier)
                .allowedClients("supplier-svc").trustedOrgs(f.acme).reachableAudiences(ExchangeFixture.STS, ORDERS)
                .maxDelegationDepth(2).build());
        f.clients.register(ExchangeFixture.client("supplier-svc", f.supplier).allowedScopes("orders:read")
                .allowedAudiences(ExchangeFixture.STS, ORDERS).build(), ExchangeFixture.SECRET);
        String acmeUser = f.ourToken(f.acme, "alice", "acme-portal", b -> { });
        String supplierSystem = f.ourToken(f.supplier, "supplier-erp", "supplier-erp", b -> { });
        ExchangeOutcome.Issued atSupplier = issued(f.exchange(f.supplier, "supplier-svc", exchangeForm(acmeUser,
                "audience", ExchangeFixture.STS, "actor_token", supplierSystem,
                "actor_token_type", TokenType.ACCESS_TOKEN.uri())));

        // step 2: that token comes back to Acme with a second actor; Acme trusts the supplier
        f.policies.save(f.acmePolicy().trustedOrgs(f.supplier).build());
        String gatewayActor = f.ourToken(f.acme, "acme-gateway", "acme-gateway", b -> { });
        ExchangeOutcome.Issued atAcme = issued(f.atAcme(exchangeForm(atSupplier.accessToken(), "audience", ORDERS,
                "actor_token", gatewayActor, "actor_token_type", TokenType.ACCESS_TOKEN.uri())));

        JwtClaims claims = claimsOf(atAcme, ORDERS);
        assertThat(claims.subject()).contains("alice");
        assertThat(ActClaim.from(claims)).contains(new ActClaim("acme-gateway", Optional.empty(),
                Optional.of(new ActClaim("supplier-erp", Optional.empty(), Optional.empty()))));
        assertThat(claims.get(TokenExchangeService.EXCHANGE_COUNT_CLAIM)).contains(2L);
    }

    @Test
    @DisplayName("Audit: every issued and refused exchange yields an event, never with a token in it")
    void exchangeWhenIssuedOrRefusedThenAuditEventWithoutTokens() {
        String token = f.partnerToken();
        ExchangeOutcome.Issued issued = issued(f.atAcme(exchangeForm(token, "audience", ORDERS)));
        f.atAcme(exchangeForm(token, "audience", "https://evil.example"));

        List<ExchangeEvent> events = f.exchangeEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).outcome()).isEqualTo(ExchangeEvent.Outcome.ISSUED);
        assertThat(events.get(0).jwtId()).contains(issued.jwtId());
        assertThat(events.get(0).subject()).contains("alice");
        assertThat(events.get(0).tenant()).isEqualTo(f.acme);
        assertThat(events.get(1).outcome()).isEqualTo(ExchangeEvent.Outcome.REFUSED);
        assertThat(events.get(1).code()).isEqualTo(ExchangeErrors.INVALID_TARGET.value());
        for (ExchangeEvent e : events) {
            assertThat(e.details().values()).noneMatch(v -> v.contains(token) || v.contains(issued.accessToken()));
        }
    }

    @Test
    @DisplayName("RFC 8693 §2.2.2: refusals are rendered as OAuth errors with client-safe descriptions")
    void refusedWhenRenderedThenOAuthErrorAndStatus() {
        ExchangeOutcome outcome = f.exchange.exchange(new ExchangeRequest(f.acme,
                ClientCredentials.of("gateway", "wrong"), exchangeForm(f.partnerToken())));
        ExchangeOutcome.Refused refused = (ExchangeOutcome.Refused) outcome;
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.toResponseParameters()).containsEntry("error", "invalid_client");
        assertThat(refused.description()).doesNotContain("gateway");
    }

    @Test
    void exchangeRequestWhenPrintedThenNoTokens() {
        ExchangeRequest request = new ExchangeRequest(f.acme, ClientCredentials.of("gateway", "s3cret"),
                exchangeForm("tok.en.value"));
        assertThat(request.toString()).doesNotContain("tok.en.value").doesNotContain("s3cret");
        assertThat(Map.of("k", request).toString()).doesNotContain("s3cret");
    }

    @Test
    @DisplayName("Several nodes: the organization's status is read through the node's status cache, within its bound")
    void exchangeWhenOrganizationSuspendedElsewhereThenRefusedOnceTheStatusCacheBoundPassed() {
        OrganizationStatusCache nodeStatus = OrganizationStatusCache.builder(f.orgRepository, f.runtime).build();
        AccessTokenService nodeTokens = AccessTokenService.builder(ExchangeFixture.ISSUER, f.keys, f.runtime)
                .organizationStatus(nodeStatus).revocations(new InMemoryRevokedTokenStore())
                .audit(AuditPublisher.discarding()).build();
        TokenExchangeService node = TokenExchangeService.builder().tokens(nodeTokens).organizationStatus(nodeStatus)
                .policies(f.policies).clients(f.clients).runtime(f.runtime).auditPublisher(f.events::add)
                .selfAudience(ExchangeFixture.STS).jwksFetcher(f.jwksDocuments::get).build();
        ExchangeRequest request = new ExchangeRequest(f.acme, ClientCredentials.of("gateway", ExchangeFixture.SECRET),
                exchangeForm(f.partnerToken(), "audience", ORDERS));
        issued(node.exchange(request));

        // another node suspends acme: the shared repository changes, this node's cache does not know yet
        f.orgRepository.suspendSubtree(f.orgRepository.findById(f.acme).orElseThrow().path(), f.acme);
        issued(node.exchange(request));

        f.clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        assertRefused(node.exchange(request), ExchangeErrors.CLIENT_NOT_ALLOWED);
    }

    @Test
    void buildWhenRequiredSettingMissingThenNamesIt() {
        assertThatThrownBy(() -> TokenExchangeService.builder().tokens(f.tokens).policies(f.policies)
                .clients(f.clients).runtime(f.runtime).organizationStatus(f.organizationStatus).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("auditPublisher");
        assertThatThrownBy(() -> TokenExchangeService.builder().auditPublisher(AuditPublisher.discarding()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[tokens, organizationStatus, policies, clients, runtime]");
    }
}
