package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.PARTNER_A;
import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.token.ActClaim;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "check delegation (RFC 8693 §4.1, §4.4; T2-T4, T11)" alone: its accept path and each refusal
 * with its error code.
 */
class DelegationCheckTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final DelegationCheck check = new DelegationCheck();
    private final ValidatedToken actor = f.validated(false, c -> c.put("sub", "agent-7"));

    @Test
    @DisplayName("RFC 8693 §4.1: the current actor is the top-level act; prior actors are nested")
    void checkWhenActorGivenThenActorTopLevelAndPriorChainNested() {
        ValidatedToken subject = f.validated(true, c -> c.put("act", Map.of("sub", "first-agent")));

        DelegationCheck.Delegation d = passed(check.check(subject, Optional.of(actor), f.acmePolicy(b -> { })));

        ActClaim act = d.act().orElseThrow();
        assertThat(act.subject()).isEqualTo("agent-7");
        assertThat(act.issuer()).contains(PARTNER_A);
        assertThat(act.prior().map(ActClaim::subject)).contains("first-agent");
        assertThat(d.exchangeCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("RFC 8693 §4.4: may_act without an actor token")
    void checkWhenMayActAndNoActorThenDelegationRequired() {
        ValidatedToken subject = f.validated(false, c -> c.put("may_act", Map.of("sub", "agent-7")));
        assertRefused(check.check(subject, Optional.empty(), f.acmePolicy(b -> { })),
                ExchangeErrors.DELEGATION_REQUIRED);
    }

    @Test
    @DisplayName("RFC 8693 §4.4: the actor must be the party may_act names (sub, and iss when given)")
    void checkWhenMayActNamesAnotherPartyThenActorNotAllowed() {
        ValidatedToken other = f.validated(false, c -> c.put("may_act", Map.of("sub", "someone-else")));
        assertRefused(check.check(other, Optional.of(actor), f.acmePolicy(b -> { })),
                ExchangeErrors.ACTOR_NOT_ALLOWED);
        ValidatedToken wrongIssuer = f.validated(false, c -> c.put("may_act", Map.of("sub", "agent-7",
                "iss", "https://elsewhere.example")));
        assertRefused(check.check(wrongIssuer, Optional.of(actor), f.acmePolicy(b -> { })),
                ExchangeErrors.ACTOR_NOT_ALLOWED);
        ValidatedToken named = f.validated(false, c -> c.put("may_act", Map.of("sub", "agent-7", "iss", PARTNER_A)));
        assertThat(passed(check.check(named, Optional.of(actor), f.acmePolicy(b -> { }))).act()).isPresent();
    }

    @Test
    void checkWhenNoActorAndPolicyForbidsImpersonationThenImpersonationNotAllowed() {
        assertRefused(check.check(f.validated(false, c -> { }), Optional.empty(),
                f.acmePolicy(b -> b.allowImpersonation(false))), ExchangeErrors.IMPERSONATION_NOT_ALLOWED);
        assertThat(passed(check.check(f.validated(false, c -> { }), Optional.empty(),
                f.acmePolicy(b -> b.allowImpersonation(true)))).act()).isEmpty();
    }

    @Test
    @DisplayName("T4: the new act chain must not exceed the policy's depth")
    void checkWhenChainDeeperThanPolicyThenDelegationTooDeep() {
        ValidatedToken subject = f.validated(true, c -> c.put("act", Map.of("sub", "a1", "act", Map.of("sub", "a2"))));
        assertRefused(check.check(subject, Optional.of(actor), f.acmePolicy(b -> b.maxDelegationDepth(2))),
                ExchangeErrors.DELEGATION_TOO_DEEP);
        assertThat(passed(check.check(subject, Optional.of(actor), f.acmePolicy(b -> b.maxDelegationDepth(3))))
                .act().map(ActClaim::depth)).contains(3);
    }

    @Test
    @DisplayName("T11: each exchange of our token counts; beyond maxExchanges it is a loop")
    void checkWhenOurTokenExchangedTooOftenThenTooManyExchanges() {
        ValidatedToken subject = f.validated(true, c -> c.put(TokenExchangeService.EXCHANGE_COUNT_CLAIM, 3L));
        assertRefused(check.check(subject, Optional.empty(), f.acmePolicy(b -> b.maxExchanges(3))),
                ExchangeErrors.EXCHANGE_LOOP);
        assertThat(passed(check.check(subject, Optional.empty(), f.acmePolicy(b -> b.maxExchanges(4))))
                .exchangeCount()).isEqualTo(4);
        ValidatedToken partners = f.validated(false, c -> c.put(TokenExchangeService.EXCHANGE_COUNT_CLAIM, 3L));
        assertThat(passed(check.check(partners, Optional.empty(), f.acmePolicy(b -> b.maxExchanges(3))))
                .exchangeCount()).as("a partner's xch is not ours to count").isEqualTo(1);
    }
}
