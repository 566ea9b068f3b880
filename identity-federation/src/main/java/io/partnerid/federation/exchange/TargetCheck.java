package io.partnerid.federation.exchange;

import java.util.List;

/**
 * Step "check audience" (T5, RFC 8693 §2.1 {@code audience}/{@code resource}, RFC 8707): every requested target is
 * reachable for the organization and allowed for the client, or the whole request is refused; without a requested
 * target the policy's default audience applies.
 *
 * <p>Stateless and thread-safe.
 */
final class TargetCheck {

    /** The issued token's audience; refuses {@code exchange.invalid_target}. */
    StepOutcome<List<String>> check(List<String> requested, ExchangePolicy policy, ExchangeClient client) {
        List<String> audience = requested.isEmpty() ? policy.defaultAudience().map(List::of).orElse(List.of())
                : requested;
        if (audience.isEmpty()) {
            return StepOutcome.refuse(ExchangeErrors.INVALID_TARGET, "An audience or resource is required.");
        }
        for (String target : audience) {
            if (!policy.reachableAudiences().contains(target) || !client.allowedAudiences().contains(target)) {
                return StepOutcome.refuse(ExchangeErrors.INVALID_TARGET, "The requested audience is not available.");
            }
        }
        return StepOutcome.pass(audience);
    }
}
