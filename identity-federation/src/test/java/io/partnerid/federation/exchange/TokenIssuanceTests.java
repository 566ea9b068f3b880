package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.PARTNER_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.token.ActClaim;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JwtClaims;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "issue" alone: its accept path and each refusal with its error code.
 */
class TokenIssuanceTests {

    private final ExchangeFixture f = new ExchangeFixture();

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
