package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.PARTNER_A;
import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JwtClaims;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "map the subject (R1)" alone: its accept path and each refusal with its error code.
 */
class SubjectMappingTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final SubjectMapping mapping = new SubjectMapping();

    @Test
    @DisplayName("R1: a partner's sub becomes a ForeignSubject; its acr/amr are dropped unless trusted")
    void mapWhenPartnerSubjectThenForeignSubjectWithOriginAndNoAuthenticationContext() {
        ValidatedToken partner = f.validated(false, c -> {
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
        ValidatedToken ours = f.validated(true, c -> {
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
        ValidatedToken ours = f.validated(true, c -> c.put(JwtClaims.ROLES, List.of("buyer")));

        SubjectMapping.MappedSubject m = passed(mapping.map(ours, f.supplier));

        assertThat(m.roles()).isEmpty();
        assertThat(m.subjectOrg()).contains(f.acme);
    }

    @Test
    @DisplayName("R1: our token carrying a foreign subject keeps it; one from before namespacing is namespaced")
    void mapWhenOurTokenCarriesForeignSubjectThenItStaysForeign() {
        String foreign = ForeignSubject.of(PARTNER_A, "alice").value();
        ValidatedToken reExchanged = f.validated(true, c -> {
            c.put("sub", foreign);
            c.put(ForeignSubject.ISSUER_CLAIM, PARTNER_A);
            c.put(ForeignSubject.SUBJECT_CLAIM, "alice");
        });
        SubjectMapping.MappedSubject m = passed(mapping.map(reExchanged, f.acme));
        assertThat(m.subject()).isEqualTo(foreign);
        assertThat(m.originSubject()).contains("alice");

        ValidatedToken legacy = f.validated(true, c -> c.put(ForeignSubject.ISSUER_CLAIM, PARTNER_A));
        SubjectMapping.MappedSubject n = passed(mapping.map(legacy, f.acme));
        assertThat(n.subject()).isEqualTo(foreign);
        assertThat(n.originSubject()).contains("alice");
    }

    @Test
    void mapWhenPartnerIssuerEmptyOrSubjectNotWellFormedThenSubjectTokenInvalid() {
        ValidatedToken noIssuer = new ValidatedToken(JwtClaims.of(Map.of("sub", "alice")), "", false,
                Optional.empty());
        assertRefused(mapping.map(noIssuer, f.acme), ExchangeErrors.SUBJECT_TOKEN_INVALID);
        ValidatedToken surrogate = f.validated(false, c -> c.put("sub", "alice\uD800"));
        assertRefused(mapping.map(surrogate, f.acme), ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }
}
