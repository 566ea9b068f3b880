package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "bound the lifetime (T11)" alone: its accept path and each refusal with its error code.
 */
class LifetimeCheckTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final LifetimeCheck check = new LifetimeCheck(Duration.ofHours(1), f.runtime);

    private ValidatedToken expiringIn(long seconds) {
        return f.validated(false, c -> c.put("exp", f.clock.instant().plusSeconds(seconds).getEpochSecond()));
    }

    @Test
    void checkWhenTokensOutlivePolicyThenPolicyMaximum() {
        assertThat(passed(check.check(expiringIn(3600), Optional.empty(), f.acmePolicy(b -> { }))))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(passed(new LifetimeCheck(Duration.ofMinutes(5), f.runtime).check(expiringIn(3600),
                Optional.empty(), f.acmePolicy(b -> { })))).as("the issuer's maximum").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("T11: never outlives the subject or the actor token")
    void checkWhenSubjectOrActorExpiresSoonerThenTheirRemainingLifetime() {
        assertThat(passed(check.check(expiringIn(120), Optional.empty(), f.acmePolicy(b -> { }))))
                .isEqualTo(Duration.ofSeconds(120));
        assertThat(passed(check.check(expiringIn(120), Optional.of(expiringIn(30)), f.acmePolicy(b -> { }))))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void checkWhenLessThanOneSecondLeftThenSubjectTokenInvalid() {
        f.clock.advance(Duration.ofMillis(500));
        Instant exp = f.clock.instant().plusMillis(600);
        ValidatedToken subject = f.validated(false, c -> c.put("exp", exp.getEpochSecond()));
        assertRefused(check.check(subject, Optional.empty(), f.acmePolicy(b -> { })),
                ExchangeErrors.SUBJECT_TOKEN_INVALID);
    }
}
