package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "check scope (T6)" alone: its accept path and each refusal with its error code.
 */
class ScopeCheckTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final ScopeCheck check = new ScopeCheck();
    private final ValidatedToken subject = f.validated(false, c -> { });

    @Test
    void checkWhenRequestedWithinSubjectAndClientThenRequested() {
        assertThat(passed(check.check(Optional.of(Set.of("orders:read")), subject, f.gateway())))
                .containsExactly("orders:read");
    }

    @Test
    void checkWhenNothingRequestedThenIntersectionOfSubjectAndClient() {
        assertThat(passed(check.check(Optional.empty(), subject, f.gateway())))
                .containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    @DisplayName("T6: the SDK never widens: admin is the subject's but not the client's; profile the reverse")
    void checkWhenRequestedBeyondIntersectionThenInvalidScope() {
        assertRefused(check.check(Optional.of(Set.of("admin")), subject, f.gateway()), ExchangeErrors.INVALID_SCOPE);
        assertRefused(check.check(Optional.of(Set.of("profile")), subject, f.gateway()),
                ExchangeErrors.INVALID_SCOPE);
    }
}
