package io.partnerid.federation.exchange;

import io.partnerid.core.token.ActClaim;
import io.partnerid.core.token.JwtClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * Step "check delegation" (T2, T3, T4, T11): the subject token's {@code may_act} names the actor, impersonation
 * (no actor) needs the policy's consent, the new {@code act} chain respects the depth cap, and re-exchange of our
 * own tokens is bounded.
 *
 * <p>Stateless and thread-safe.
 */
final class DelegationCheck {

    /**
     * What the delegation checks produced.
     *
     * @param act the issued token's {@code act} chain: the newest actor top-level, prior actors nested
     * @param exchangeCount the issued token's {@code xch} claim
     */
    record Delegation(Optional<ActClaim> act, long exchangeCount) {
        Delegation {
            Objects.requireNonNull(act, "act");
        }
    }

    /**
     * The delegation of the issued token; refuses {@code exchange.delegation_required},
     * {@code actor_not_allowed}, {@code impersonation_not_allowed}, {@code delegation_too_deep},
     * {@code too_many_exchanges}.
     */
    StepOutcome<Delegation> check(ValidatedToken subject, Optional<ValidatedToken> actor, ExchangePolicy policy) {
        // RFC 8693 §4.4 may_act: "the party identified by may_act is authorized to act on behalf of the subject"
        Optional<JwtClaims> mayAct = subject.claims().object(JwtClaims.MAY_ACT);
        if (mayAct.isPresent() && actor.isEmpty()) {
            return StepOutcome.refuse(ExchangeErrors.DELEGATION_REQUIRED,
                    "The subject token requires an actor token.");
        }
        if (mayAct.isPresent() && !mayActMatches(mayAct.get(), actor.get())) {
            return StepOutcome.refuse(ExchangeErrors.ACTOR_NOT_ALLOWED, "The actor may not act for this subject.");
        }
        if (actor.isEmpty() && !policy.allowImpersonation()) {
            return StepOutcome.refuse(ExchangeErrors.IMPERSONATION_NOT_ALLOWED, "Impersonation is not allowed here.");
        }
        // RFC 8693 §4.1 act: "the current actor is the top-level act; prior actors are nested"
        Optional<ActClaim> priorChain = ActClaim.from(subject.claims());
        Optional<ActClaim> act = actor.map(a -> new ActClaim(a.claims().subject().orElseThrow(),
                a.ours() ? Optional.empty() : Optional.of(a.issuer()), priorChain)).or(() -> priorChain);
        if (act.map(ActClaim::depth).orElse(0) > policy.maxDelegationDepth()) {
            return StepOutcome.refuse(ExchangeErrors.DELEGATION_TOO_DEEP, "The delegation chain is too deep.");
        }
        // T11: each exchange of one of our tokens counts; a partner's token starts a new chain
        long exchanges = 1 + (subject.ours() ? subject.claims().get(TokenExchangeService.EXCHANGE_COUNT_CLAIM)
                .filter(Long.class::isInstance).map(Long.class::cast).orElse(0L) : 0L);
        if (exchanges > policy.maxExchanges()) {
            return StepOutcome.refuse(ExchangeErrors.EXCHANGE_LOOP, "The token was exchanged too many times.");
        }
        return StepOutcome.pass(new Delegation(act, exchanges));
    }

    private static boolean mayActMatches(JwtClaims mayAct, ValidatedToken actor) {
        Optional<String> sub = mayAct.subject();
        if (sub.isEmpty() || !sub.equals(actor.claims().subject())) {
            return false;
        }
        Optional<String> iss = mayAct.issuer();
        return iss.isEmpty() || iss.get().equals(actor.issuer());
    }
}
