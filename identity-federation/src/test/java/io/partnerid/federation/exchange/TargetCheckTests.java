package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.BILLING;
import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "check audience (T5, RFC 8707)" alone: its accept path and each refusal with its error code.
 */
class TargetCheckTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final TargetCheck check = new TargetCheck();

    @Test
    void checkWhenEveryTargetReachableAndAllowedThenThoseTargets() {
        assertThat(passed(check.check(List.of(ORDERS, BILLING), f.acmePolicy(b -> { }), f.gateway())))
                .containsExactly(ORDERS, BILLING);
    }

    @Test
    void checkWhenNoTargetThenPolicyDefaultOrInvalidTarget() {
        assertThat(passed(check.check(List.of(), f.acmePolicy(b -> b.defaultAudience(ORDERS)), f.gateway())))
                .containsExactly(ORDERS);
        assertRefused(check.check(List.of(), f.acmePolicy(b -> { }), f.gateway()), ExchangeErrors.INVALID_TARGET);
    }

    @Test
    @DisplayName("RFC 8693 §2.2.2 invalid_target: one unreachable target refuses the whole request")
    void checkWhenOneTargetNotReachableOrNotAllowedThenInvalidTarget() {
        assertRefused(check.check(List.of(ORDERS, "https://elsewhere.example"), f.acmePolicy(b -> { }), f.gateway()),
                ExchangeErrors.INVALID_TARGET);
        ExchangeClient ordersOnly = ExchangeFixture.client("gateway", f.acme).allowedAudiences(ORDERS).build();
        assertRefused(check.check(List.of(ORDERS, BILLING), f.acmePolicy(b -> { }), ordersOnly),
                ExchangeErrors.INVALID_TARGET);
    }
}
