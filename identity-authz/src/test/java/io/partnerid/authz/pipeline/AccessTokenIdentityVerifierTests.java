package io.partnerid.authz.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessTokenIdentityVerifierTests {

    private final MutableClock clock = MutableClock.standard();
    private final IdentityRuntime runtime = TestRuntimes.on(clock);
    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
    private final OrgId acme = new OrganizationService(organizations, runtime)
            .createRoot(new OrganizationService.NewOrganization("Acme")).id();
    private final AccessTokenService tokens = tokens();
    private final AccessTokenIdentityVerifier verifier = new AccessTokenIdentityVerifier(tokens,
            Set.of("https://api.example.com"));

    private AccessTokenService tokens() {
        SigningKeyService keys = SigningKeyService.builder(new InMemorySigningKeyRepository(),
                PrivateKeyProtector.unprotected(), runtime).build();
        keys.initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        return AccessTokenService.builder("https://id.example.com", keys, runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(organizations, runtime))
                .revocations(new InMemoryRevokedTokenStore())
                .audit(AuditPublisher.discarding())
                .build();
    }

    private String token(String audience) {
        return tokens.issue(AccessTokenRequest.builder(acme, "user-42", "portal").audience(audience)
                .scopes(Set.of("orders:read")).roles(Set.of("buyer")).acr("urn:partnerid:acr:mfa")
                .amr(List.of("pwd", "otp")).lifetime(Duration.ofMinutes(5)).build()).value();
    }

    @Test
    void verifyWhenValidTokenThenPrincipalCarriesOrgRolesAcrAndScopes() {
        IdentityVerifier.Outcome outcome = verifier.verify(token("https://api.example.com"));
        assertThat(outcome).isInstanceOf(IdentityVerifier.Verified.class);
        VerifiedPrincipal principal = ((IdentityVerifier.Verified) outcome).principal();
        assertThat(principal.subjectId()).isEqualTo("user-42");
        assertThat(principal.org()).isEqualTo(acme);
        assertThat(principal.roles()).extracting(r -> r.role()).containsExactly("buyer");
        assertThat(principal.acr()).contains("urn:partnerid:acr:mfa");
        assertThat(principal.attributes()).containsEntry("scopes", List.of("orders:read"))
                .containsEntry("amr", List.of("pwd", "otp"));
    }

    @Test
    void verifyWhenOtherAudienceExpiredOrTamperedThenRefused() {
        assertThat(verifier.verify(token("https://other.example.com"))).isInstanceOf(IdentityVerifier.Refused.class);
        String valid = token("https://api.example.com");
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(verifier.verify(tampered)).isInstanceOf(IdentityVerifier.Refused.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(verifier.verify(valid)).isInstanceOf(IdentityVerifier.Refused.class);
    }

    @Test
    void verifyWhenOrganizationSuspendedThenRefusedAtOnce() {
        String valid = token("https://api.example.com");
        assertThat(verifier.verify(valid)).isInstanceOf(IdentityVerifier.Verified.class);
        new KillSwitch(organizations, OrganizationStatusCaches.readThrough(organizations, runtime), List.of(), event -> { }, runtime)
                .suspend(Actor.system("ops"), acme, "contract ended");
        assertThat(verifier.verify(valid)).isInstanceOf(IdentityVerifier.Refused.class);
    }

    private static final String PARTNER = "https://idp.partner-a.example";

    @Test
    void verifyWhenNativeTokenThenNativePrincipal() {
        VerifiedPrincipal principal = ((IdentityVerifier.Verified) verifier.verify(token("https://api.example.com")))
                .principal();
        assertThat(principal.kind()).isEqualTo(VerifiedPrincipal.SubjectKind.NATIVE);
        assertThat(principal.foreign()).isFalse();
        assertThat(principal.attributes()).containsEntry("foreign", false).doesNotContainKey("sub_iss");
    }

    @Test
    @DisplayName("R1: an exchanged token of a partner's subject gives a foreign principal under the namespaced id")
    void verifyWhenExchangedPartnerSubjectThenForeignPrincipalWithNamespacedId() {
        String namespaced = ForeignSubject.of(PARTNER, "user-42").value();
        String token = tokens.issue(AccessTokenRequest.builder(acme, namespaced, "gateway")
                .audience("https://api.example.com").claim(ForeignSubject.ISSUER_CLAIM, PARTNER)
                .claim(ForeignSubject.SUBJECT_CLAIM, "user-42").build()).value();

        VerifiedPrincipal principal = ((IdentityVerifier.Verified) verifier.verify(token)).principal();

        assertThat(principal.subjectId()).isEqualTo(namespaced).isNotEqualTo("user-42");
        assertThat(principal.foreign()).isTrue();
        assertThat(principal.kind()).isEqualTo(VerifiedPrincipal.SubjectKind.FOREIGN);
        assertThat(principal.attributes()).containsEntry("foreign", true).containsEntry("sub_iss", PARTNER)
                .containsEntry("sub_ext", "user-42");
    }

    @Test
    @DisplayName("R1: a token exchanged before namespacing (sub_iss, plain sub) never yields the plain sub as id")
    void verifyWhenLegacyExchangedTokenThenNamespacedForeignPrincipal() {
        String token = tokens.issue(AccessTokenRequest.builder(acme, "user-42", "gateway")
                .audience("https://api.example.com").claim(ForeignSubject.ISSUER_CLAIM, PARTNER).build()).value();

        VerifiedPrincipal principal = ((IdentityVerifier.Verified) verifier.verify(token)).principal();

        assertThat(principal.subjectId()).isEqualTo(ForeignSubject.of(PARTNER, "user-42").value());
        assertThat(principal.foreign()).isTrue();
        assertThat(principal.attributes()).containsEntry("sub_ext", "user-42");
    }
}
