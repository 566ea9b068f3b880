package io.partnerid.federation.exchange;

import io.partnerid.core.IdentityRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Step "bound the lifetime" (T11): the issued token lives at most min(policy maximum, the issuer's maximum, the
 * subject token's remaining lifetime, the actor token's remaining lifetime), in whole seconds; it never outlives the
 * tokens it was made from.
 *
 * <p>Thread-safe; one instance serves every request.
 */
final class LifetimeCheck {

    private final Duration issuerMaximum;
    private final IdentityRuntime runtime;

    LifetimeCheck(Duration issuerMaximum, IdentityRuntime runtime) {
        this.issuerMaximum = Objects.requireNonNull(issuerMaximum, "issuerMaximum");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The issued token's lifetime; refuses {@code exchange.subject_token_invalid} below one second. */
    StepOutcome<Duration> check(ValidatedToken subject, Optional<ValidatedToken> actor, ExchangePolicy policy) {
        Instant now = runtime.now();
        Duration lifetime = min(policy.maxLifetime(), issuerMaximum);
        lifetime = min(lifetime, Duration.between(now, subject.claims().expiresAt().orElseThrow()));
        if (actor.isPresent()) {
            lifetime = min(lifetime, Duration.between(now, actor.get().claims().expiresAt().orElseThrow()));
        }
        if (lifetime.getSeconds() < 1) {
            return StepOutcome.refuse(ExchangeErrors.SUBJECT_TOKEN_INVALID, "The subject token is invalid.");
        }
        return StepOutcome.pass(Duration.ofSeconds(lifetime.getSeconds()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
