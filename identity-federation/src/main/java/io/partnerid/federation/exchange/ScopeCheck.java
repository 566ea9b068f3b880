package io.partnerid.federation.exchange;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Step "check scope" (T6, RFC 6749 §3.3): requested ⊆ (subject token's scopes ∩ client's allowed scopes); without a
 * requested scope, that whole intersection. The SDK never widens.
 *
 * <p>Stateless and thread-safe.
 */
final class ScopeCheck {

    /** The issued token's scopes; refuses {@code exchange.invalid_scope}. */
    StepOutcome<Set<String>> check(Optional<Set<String>> requested, ValidatedToken subject, ExchangeClient client) {
        Set<String> grantable = new LinkedHashSet<>(subject.claims().scopes());
        grantable.retainAll(client.allowedScopes());
        Set<String> scopes = requested.orElse(grantable);
        if (!grantable.containsAll(scopes)) {
            return StepOutcome.refuse(ExchangeErrors.INVALID_SCOPE,
                    "The requested scope exceeds what can be granted.");
        }
        return StepOutcome.pass(scopes);
    }
}
