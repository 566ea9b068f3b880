package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.audit.AuditErrors;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.governance.SuspensionContext;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.testkit.OrganizationStatusCaches;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessTokenServiceTests {

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    @DisplayName("RFC 9068 §2: an issued token carries typ at+jwt, the registered and organization claims, and verifies")
    void issueThenVerifyWhenEachAlgorithmThenVerifiedWithOrgClaims(SigningAlgorithm algorithm) throws ParseException {
        TokenFixture f = new TokenFixture(algorithm);
        IssuedToken token = f.tokens.issue(f.request().build());

        JWSObject jws = JWSObject.parse(token.value());
        assertThat(jws.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo(algorithm.jwsName());
        assertThat(jws.getHeader().getKeyID()).isEqualTo(token.keyId());

        TokenVerification result = f.tokens.verify(token.value(), TokenFixture.API);
        assertThat(result).isInstanceOf(TokenVerification.Verified.class);
        JwtClaims claims = result.verifiedClaims().orElseThrow();
        assertThat(claims.issuer()).contains(TokenFixture.ISSUER);
        assertThat(claims.subject()).contains("user-1");
        assertThat(claims.audience()).containsExactly(TokenFixture.API);
        assertThat(claims.jwtId()).contains(token.jwtId());
        assertThat(claims.orgId()).contains(f.acme.id());
        assertThat(claims.string(JwtClaims.ORG_POOL)).contains("employees");
        assertThat(claims.string(JwtClaims.CLIENT_ID)).contains("portal");
        assertThat(claims.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(claims.roles()).containsExactly("buyer");
        assertThat(claims.string("acr")).contains("urn:acr:mfa");
        assertThat(claims.strings("amr")).containsExactly("pwd", "otp");
        assertThat(claims.expiresAt()).contains(token.expiresAt());
        assertThat(token.expiresInSeconds()).isEqualTo(300);
    }

    @Test
    void issueWhenTwoTokensThenDistinctJtiFromInjectedRandom() {
        TokenFixture one = new TokenFixture();
        TokenFixture two = new TokenFixture();
        IssuedToken a = one.tokens.issue(one.request().build());
        IssuedToken b = one.tokens.issue(one.request().build());
        assertThat(a.jwtId()).isNotEqualTo(b.jwtId());
        // the same seeded runtime gives the same sequence: the jti comes from the injected random, nothing else
        assertThat(two.tokens.issue(two.request().build()).jwtId()).isEqualTo(a.jwtId());
    }

    @Test
    void issueWhenLifetimeAboveMaximumThenCapped() {
        TokenFixture f = new TokenFixture();
        IssuedToken token = f.tokens.issue(f.request().lifetime(Duration.ofDays(2)).build());
        assertThat(token.expiresInSeconds()).isEqualTo(3600);
    }

    @Test
    void issueWhenOrgSuspendedThenOrgNotActive() {
        TokenFixture f = new TokenFixture();
        f.orgRepository.suspendSubtree(f.acme.path(), f.acme.id());
        assertThatThrownBy(() -> f.tokens.issue(f.request().build()))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(TokenErrors.ORG_NOT_ACTIVE));
    }

    @Test
    void issueWhenIssuedThenAuditEventWithoutToken() {
        TokenFixture f = new TokenFixture();
        IssuedToken token = f.tokens.issue(f.request().build());
        assertThat(f.events("token.issued")).singleElement().satisfies(e -> {
            assertThat(e.details()).containsEntry("jti", token.jwtId());
            assertThat(e.details().values()).noneMatch(v -> v.contains(token.value()));
        });
    }

    @Test
    @DisplayName("R8: a token whose issuance the audit log would refuse (unpaired surrogate in sub) is not issued")
    void issueWhenSubjectHoldsUnpairedSurrogateThenRefusedAndNothingIssued() {
        TokenFixture f = new TokenFixture();
        assertThatThrownBy(() -> f.tokens.issue(AccessTokenRequest.builder(f.acme.id(), "user-\uD800", "portal")
                .audience(TokenFixture.API).build()))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(AuditErrors.INVALID_TEXT));
        assertThat(f.events).isEmpty();
        assertThat(f.revocations.revokeAllOf(Set.of(f.acme.id()), f.clock.instant())).isEmpty();
    }

    @Test
    void issueWhenAudienceHoldsUnpairedSurrogateThenRefusedAndNothingIssued() {
        TokenFixture f = new TokenFixture();
        assertThatThrownBy(() -> f.tokens.issue(AccessTokenRequest.builder(f.acme.id(), "user-1", "portal")
                .audience("https://api.example/\uDC00").build()))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(AuditErrors.INVALID_TEXT));
        assertThat(f.events).isEmpty();
        assertThat(f.revocations.revokeAllOf(Set.of(f.acme.id()), f.clock.instant())).isEmpty();
    }

    @Test
    @DisplayName("Kill switch: a token of a suspended organization fails verification at once")
    void verifyWhenOrgSuspendedAfterIssueThenRejectedOrgNotActive() {
        TokenFixture f = new TokenFixture();
        Organization desk = f.orgs.createChild(f.acme.id(), new OrganizationService.NewOrganization("Desk"));
        IssuedToken token = f.tokens.issue(AccessTokenRequest.builder(desk.id(), "u", "portal")
                .audience(TokenFixture.API).build());
        assertThat(f.tokens.verify(token.value(), TokenFixture.API).isVerified()).isTrue();

        f.orgRepository.suspendSubtree(f.acme.path(), f.acme.id());

        assertThat(f.tokens.verify(token.value(), TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.ORG_NOT_ACTIVE));
    }

    @Test
    void verifyWhenOrgUnknownThenRejectedOrgNotActive() {
        TokenFixture f = new TokenFixture();
        String token = f.forge(f.claims(c -> c.put("org_id", "ghost")));
        assertThat(f.tokens.verify(token, TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.ORG_NOT_ACTIVE));
    }

    @Test
    void verifyWhenRevokedThenRejectedRevoked() {
        TokenFixture f = new TokenFixture();
        IssuedToken token = f.tokens.issue(f.request().build());
        assertThat(f.tokens.revoke(token.jwtId(), f.acme.id(), token.expiresAt(), Actor.user("admin"))).isTrue();
        assertThat(f.tokens.verify(token.value(), TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));
        assertThat(f.events("token.revoked")).hasSize(1);
    }

    @Test
    @DisplayName("R6: revoking another organization's token id answers as for an unknown id and leaves the token valid")
    void revokeWhenJtiBelongsToOtherOrgThenTokenStaysValidAndAnswerAsForUnknownJti() {
        TokenFixture f = new TokenFixture();
        OrgId globex = f.org("Globex");
        IssuedToken acmeToken = f.tokens.issue(f.request().build());
        Actor globexAdmin = Actor.user("globex-admin");

        assertThat(f.tokens.revoke(acmeToken.jwtId(), globex, acmeToken.expiresAt(), globexAdmin)).isTrue();
        assertThat(f.tokens.revoke("never-issued", globex, acmeToken.expiresAt(), globexAdmin)).isTrue();
        assertThat(f.tokens.revoke(acmeToken.jwtId(), globex, acmeToken.expiresAt(), globexAdmin)).isFalse();
        assertThat(f.tokens.revoke("never-issued", globex, acmeToken.expiresAt(), globexAdmin)).isFalse();
        assertThat(f.tokens.verify(acmeToken.value(), TokenFixture.API).isVerified()).isTrue();

        assertThat(f.tokens.revoke(acmeToken.jwtId(), f.acme.id(), acmeToken.expiresAt(), Actor.user("admin")))
                .isTrue();
        assertThat(f.tokens.verify(acmeToken.value(), TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));
    }

    @Test
    void verifyWhenRejectedThenCodeIsNamespacedAndClientTextGeneric() {
        assertThat(RejectionReason.REVOKED.code().value()).isEqualTo("token.revoked");
        assertThat(RejectionReason.REVOKED.code().protocolError()).contains("invalid_token");
        assertThat(RejectionReason.CLIENT_DESCRIPTION).doesNotContain("revoked ").doesNotContain("org");
    }

    @Test
    @DisplayName("Kill switch report: the tokens section counts the revoked tokens, which stay revoked after resume")
    void suspendWhenTokensIssuedThenTokensSectionCountsAndTheyStayRevoked() {
        TokenFixture f = new TokenFixture();
        Organization desk = f.orgs.createChild(f.acme.id(), new OrganizationService.NewOrganization("Desk"));
        OrgId other = f.org("Globex");
        IssuedToken t1 = f.tokens.issue(f.request().build());
        IssuedToken t2 = f.tokens.issue(AccessTokenRequest.builder(desk.id(), "u2", "portal")
                .audience(TokenFixture.API).build());
        IssuedToken t3 = f.tokens.issue(AccessTokenRequest.builder(other, "u3", "portal")
                .audience(TokenFixture.API).build());
        TokenSuspensionContributor contributor = new TokenSuspensionContributor(f.revocations, f.orgRepository,
                f.events::add);

        List<OrgId> suspended = f.orgRepository.suspendSubtree(f.acme.path(), f.acme.id());
        SuspensionReport.Section section = contributor.suspend(new SuspensionContext(f.acme.id(), suspended,
                Actor.system("ops"), "breach", f.clock.instant()));

        assertThat(contributor.name()).isEqualTo("tokens");
        assertThat(section.count()).isEqualTo(2);
        assertThat(section.ids()).containsExactlyInAnyOrder(t1.jwtId(), t2.jwtId());
        f.orgRepository.resumeSubtree(f.acme.path(), f.acme.id());
        assertThat(f.tokens.verify(t1.value(), TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));
        assertThat(f.tokens.verify(t3.value(), TokenFixture.API).isVerified()).isTrue();
    }

    @Test
    @DisplayName("M4: per-organization key sets: org A's claims signed with org B's key are refused")
    void verifyWhenPerOrgKeysAndTokenSignedWithOtherOrgsKeyThenRejected() {
        TokenFixture f = new TokenFixture();
        OrgId globex = f.org("Globex");
        f.keys.initialize(KeySetId.ofOrg(f.acme.id()), SigningAlgorithm.ES256);
        f.keys.initialize(KeySetId.ofOrg(globex), SigningAlgorithm.ES256);
        AccessTokenService perOrg = AccessTokenService.builder(TokenFixture.ISSUER, f.keys, f.runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(f.orgRepository, f.runtime))
                .revocations(f.revocations)
                .keySetPerOrganization(KeySetId::ofOrg)
                .audit(AuditPublisher.discarding())
                .build();
        IssuedToken globexToken = perOrg.issue(AccessTokenRequest.builder(globex, "u", "c")
                .audience(TokenFixture.API).build());
        assertThat(perOrg.verify(globexToken.value(), TokenFixture.API).isVerified()).isTrue();

        SigningKeyService.ActiveKey globexKey = f.keys.currentKey(KeySetId.ofOrg(globex));
        String forged = TokenFixture.sign(new com.nimbusds.jose.JWSHeader.Builder(Jca.jws(globexKey.algorithm()))
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).keyID(globexKey.kid()).build(),
                f.claims(), globexKey.signer()); // claims say org_id = acme
        assertThat(perOrg.verify(forged, TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.UNKNOWN_KEY));
    }

    @Test
    void requestWhenExtraClaimOverridesRegisteredClaimThenRefused() {
        TokenFixture f = new TokenFixture();
        assertThatThrownBy(() -> f.request().claim("org_id", "other").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(f.request().claim("tenant_tier", "gold").build().extraClaims()).containsKey("tenant_tier");
    }

    @Test
    void actClaimWhenNestedThenNewestActorTopLevel() {
        ActClaim chain = new ActClaim("svc-b", Optional.empty(),
                Optional.of(new ActClaim("svc-a", Optional.of("https://idp.a"), Optional.empty())));
        TokenFixture f = new TokenFixture();
        IssuedToken token = f.tokens.issue(f.request().act(chain).build());
        JwtClaims claims = f.tokens.verify(token.value(), TokenFixture.API).verifiedClaims().orElseThrow();
        assertThat(claims.actorDepth()).isEqualTo(2);
        assertThat(ActClaim.from(claims)).contains(chain);
        assertThat(claims.object("act").orElseThrow().subject()).contains("svc-b");
        assertThat(Set.of(chain.depth())).containsExactly(2);
    }
}
