package io.partnerid.authz.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.testkit.risk.RiskStateStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The risk state contract on {@link InMemoryRiskStateStore}, and its size bound. */
class InMemoryRiskStateStoreTests extends RiskStateStoreContract {

    private final InMemoryRiskStateStore store = new InMemoryRiskStateStore();

    @Override
    protected RiskStateStore store() {
        return store;
    }

    @Override
    protected RiskStateStore anotherNode() {
        return store;
    }

    @Test
    void rememberDeviceWhenFullThenForgetsAndDeviceIsNewAgain() {
        InMemoryRiskStateStore small = new InMemoryRiskStateStore(2);
        small.rememberDevice("acme/u1", "dev-1");
        small.rememberDevice("acme/u2", "dev-1");
        assertThat(small.rememberDevice("acme/u3", "dev-1")).isFalse(); // cleared on reaching the bound
        assertThat(small.rememberDevice("acme/u1", "dev-1")).isFalse();
    }

    @Test
    void countRequestWhenNewWindowThenPreviousWindowIsDropped() {
        InMemoryRiskStateStore small = new InMemoryRiskStateStore(10);
        for (int minute = 0; minute < 50; minute++) {
            assertThat(small.countRequest("acme", T0.plus(Duration.ofMinutes(minute)), Duration.ofMinutes(1)))
                    .isEqualTo(1);
        }
        // fifty windows of one organization fit in a store of ten keys: one entry per (organization, window length)
        assertThat(small.countRequest("acme", T0.plus(Duration.ofMinutes(49)), Duration.ofMinutes(1))).isEqualTo(2);
    }
}
